from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities and events")

    def ready(self):
        from activities.sheet_feed import PROJECT_SHEETS
        from core import feed

        feed.register(PROJECT_SHEETS)
