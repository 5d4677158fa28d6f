"""The organisations a staff account works for, and the organisations it
may edit.

An account attached to organisations (`StaffScope`) works for them and for
their units, at any depth: an editor of a ministry works on its
directorates' projects too. An account attached to none, a publisher of the
records concerned or a superuser is not scoped: it sees the whole registry,
as every account did before scopes existed.

Organisations: a scoped editor edits the organisations they work for and
those they created; every other published organisation stays readable (it
is public) and may be picked as a partner in a project, an activity or an
event; other organisations' drafts are hidden. projects/scoping.py builds
the projects' scope on the same organisations.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext
from simple_history.utils import get_history_manager_for_model

from core.publication import Publication
from core.workflow import may_publish
from partners.models import Organisation, StaffScope

# Kept on the user object: read once per request.
CACHE_ATTRIBUTE = "_staff_organisations"


def staff_organisations(user: AbstractBaseUser) -> frozenset[int]:
    """The ids of the organisations `user` works for, with their units at
    any depth; empty when the account is attached to none. One query, and
    one per level of units."""
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    ids = set(
        StaffScope.organisations.through.objects.filter(staffscope__user_id=user.pk).values_list(
            "organisation_id", flat=True
        )
    )
    level = set(ids)
    while level:
        level = set(
            Organisation.objects.filter(parent_id__in=level).exclude(pk__in=ids).values_list("pk", flat=True)
        )
        ids |= level
    setattr(user, CACHE_ATTRIBUTE, frozenset(ids))
    return getattr(user, CACHE_ATTRIBUTE)


def is_scoped(user: AbstractBaseUser, model: type[models.Model]) -> bool:
    """Whether `user` sees only part of `model`'s records: attached to
    organisations, neither a superuser nor a publisher of `model`."""
    if not user.is_authenticated or user.is_superuser or may_publish(user, model):
        return False
    return bool(staff_organisations(user))


def created_by(user: AbstractBaseUser, model: type[models.Model]) -> models.QuerySet:
    """The ids of the records of `model` that `user` created (their first
    historical version names them), as a subquery: a new record is its
    author's until it names one of their organisations."""
    history = get_history_manager_for_model(model)
    return history.filter(history_type="+", history_user_id=user.pk).values(model._meta.pk.attname)


class OrganisationScope:
    """The scope of the organisations' admin: see the module's docstring."""

    model = Organisation

    def applies(self, user: AbstractBaseUser) -> bool:
        return is_scoped(user, self.model)

    def editable(self, user: AbstractBaseUser) -> models.Q:
        return models.Q(pk__in=staff_organisations(user)) | models.Q(pk__in=created_by(user, self.model))

    def visible(self, user: AbstractBaseUser, queryset: models.QuerySet) -> models.QuerySet:
        if not self.applies(user):
            return queryset
        return queryset.filter(self.editable(user) | models.Q(publication=Publication.PUBLISHED))

    def may_change(self, user: AbstractBaseUser, record: Organisation) -> bool:
        if not self.applies(user) or record.pk is None:
            return True
        return Organisation.objects.filter(self.editable(user), pk=record.pk).exists()

    def import_refusal(self, user: AbstractBaseUser, record: Organisation) -> dict[str, str]:
        """What refuses an imported row of `record`, by field (nothing for a
        new organisation, or one the user may change)."""
        if self.may_change(user, record):
            return {}
        return {
            "slug": gettext("“%(organisation)s” is not one of your organisations: you may not change it.")
            % {"organisation": record}
        }

    def within(self, user: AbstractBaseUser, queryset: models.QuerySet) -> models.QuerySet:
        """The organisations of `queryset` that are the user's to fix (the
        data-quality board)."""
        return queryset.filter(self.editable(user)) if self.applies(user) else queryset
