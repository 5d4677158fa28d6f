from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from core import feed
        from opendata.feeds import FEEDS, IATI_ACTIVITIES

        feed.register(*FEEDS, IATI_ACTIVITIES)
