"""The publication state shared by every record the public can see.

`published()` is the single door through which anonymous readers reach data:
pages, API, exports, feeds and sitemap all go through it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.querysets import RegistryQuerySet


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(RegistryQuerySet):
    # Relations whose target must be published too: a child is public only
    # when its project is.
    published_through: tuple[str, ...] = ()

    def published(self):
        conditions = {"publication": Publication.PUBLISHED}
        for relation in self.published_through:
            conditions[f"{relation}__publication"] = Publication.PUBLISHED
        return self.filter(**conditions)


class LinkQuerySet(RegistryQuerySet):
    """Links between public records (a participation, a project's country, a
    relation between projects) have no publication of their own: a link is
    public when every record it joins is."""

    published_through: tuple[str, ...] = ()

    def published(self):
        return self.filter(
            **{f"{relation}__publication": Publication.PUBLISHED for relation in self.published_through}
        )


class PublishableModel(VersionedModel):
    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last update"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED
