"""Reads of activities and events, each loading what its page needs."""

from django.db import models

from core.publication import Publication, PublishableQuerySet
from partners.models import Organisation


def _published_organisations():
    return Organisation.objects.published()


class ActivityQuerySet(PublishableQuerySet):
    published_through = ("project", "component")

    def for_list(self):
        return self.select_related("project", "component", "country").prefetch_related(
            models.Prefetch("partners", queryset=_published_organisations())
        )

    def for_project_sheet(self):
        """Published activities as the project sheet shows them, within their
        component (partners come in one query for the whole sheet)."""
        return self.published().select_related("country")


class EventQuerySet(PublishableQuerySet):
    def published(self):
        # An event may belong to a cooperation partner rather than a project;
        # when it has a project, that project must be public too.
        return self.filter(publication=Publication.PUBLISHED).filter(
            models.Q(project__isnull=True) | models.Q(project__publication=Publication.PUBLISHED)
        )

    def for_list(self):
        return self.select_related("project", "country").prefetch_related(
            models.Prefetch("organisations", queryset=_published_organisations())
        )

    def for_project_sheet(self):
        """Published events as the project sheet shows them, latest first."""
        return self.published().select_related("country").order_by("-start_date")
