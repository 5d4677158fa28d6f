"""The Atom feed of the event timeline, in the language of its address."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from activities.models import Event


class EventFeed(Feed):
    feed_type = Atom1Feed
    item_count = 50

    def title(self):
        return _("Events of the cooperation projects")

    def subtitle(self):
        return _("Signatures, launches, workshops and steering committees of the projects in the registry.")

    def link(self):
        return reverse("site:event_list")

    def items(self):
        return Event.objects.published().for_list()[: self.item_count]

    def item_title(self, item):
        if item.project is not None:
            return f"{item.project.acronym} – {item.title}"
        return item.title

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        # Events have no page of their own: they sit on their project's
        # sheet, or on the timeline when they belong to no project.
        page = item.project.get_absolute_url() if item.project is not None else reverse("site:event_list")
        return f"{page}#event-{item.pk}"

    def item_pubdate(self, item):
        return self.event_day(item)

    def item_updateddate(self, item):
        # Readers sort a timeline by the events' dates, not by when the
        # registry was loaded or last corrected.
        return self.event_day(item)

    @staticmethod
    def event_day(item) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.start_date, datetime.time()))

    def item_categories(self, item):
        return [item.get_kind_display()]
