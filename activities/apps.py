from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities and events")

    def ready(self):
        from activities.feeds import ACTIVITY_ITEMS, PROJECT_SHEETS
        from core import feed

        feed.register(PROJECT_SHEETS, ACTIVITY_ITEMS)
