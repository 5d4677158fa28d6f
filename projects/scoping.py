"""The projects a staff account may touch, and the records reached through
them: the one place that says what a scoped editor's part of the registry is.

A scoped account (partners/scoping.py: attached to organisations, neither a
publisher nor a superuser) sees and edits the projects its organisations,
or their units, take part in (a participation in any role), and the
projects it created itself (a new project is its author's until it names
their organisation); with their components, indicators, documents,
participations, countries, relations, activities and events. Countries and
themes are shared references, never scoped.

Everything is a subquery on the projects' ids, added to the admin's own
queryset: a list costs the same number of queries whatever the size of the
registry, and no row is checked on its own. Records outside the scope are
simply not found: their form, history, revert, pending-change and delete
pages answer 404 (core/admin.py, ScopedAdmin).
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext

from core.models import PendingChange
from partners.models import Organisation
from partners.scoping import OrganisationScope, created_by, is_scoped, staff_organisations
from projects.models import Participation, Project


def is_project_scoped(user: AbstractBaseUser) -> bool:
    """Whether `user` sees only some projects (a publisher of projects sees them all)."""
    return is_scoped(user, Project)


def project_ids(user: AbstractBaseUser, path: str = "pk") -> models.Q:
    """The condition that the project at `path` is one `user` may touch."""
    taking_part = Participation.objects.filter(organisation_id__in=staff_organisations(user)).values(
        "project_id"
    )
    return models.Q(**{f"{path}__in": taking_part}) | models.Q(**{f"{path}__in": created_by(user, Project)})


def editable_projects(user: AbstractBaseUser) -> models.QuerySet:
    """The projects `user` may see and edit: all of them for an account
    that is not scoped."""
    projects = Project.objects.all()
    return projects.filter(project_ids(user)) if is_project_scoped(user) else projects


def project_path(model: type[models.Model]) -> str | None:
    """How `model`'s rows lead to their project: "pk" for a project,
    "project" for a row that names its project, "<field>__project" for one
    that names such a row (an indicator's period); None for the records no
    project holds (countries, themes, organisations)."""
    if model is Project:
        return "pk"
    fields = [field for field in model._meta.get_fields() if field.many_to_one and field.concrete]
    for field in fields:
        if field.name == "project" and field.related_model is Project:
            return "project"
    for field in fields:
        if project_path(field.related_model) == "project":
            return f"{field.name}__project"
    return None


class ProjectScope:
    """The scope of an admin whose records belong to a project, reached
    through `path` ("pk" for the projects' own admin, "project" for their
    rows)."""

    def __init__(self, path: str = "project"):
        self.path = path

    def applies(self, user: AbstractBaseUser) -> bool:
        return is_project_scoped(user)

    def visible(self, user: AbstractBaseUser, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.filter(project_ids(user, self.path)) if self.applies(user) else queryset

    def may_change(self, user: AbstractBaseUser, record: models.Model) -> bool:
        # The admin reaches its records through `visible`: a record it holds
        # is in the scope, and checking it again would cost a query per call.
        return True

    def import_refusal(self, user: AbstractBaseUser, record: models.Model) -> dict[str, str]:
        """What refuses an imported row of `record`, by field: a record of
        another organisation's project, or a row that would put one there."""
        if not self.applies(user):
            return {}
        model = type(record)
        if (
            record.pk is not None
            and not self.visible(user, model._base_manager.filter(pk=record.pk)).exists()
        ):
            return {"slug" if self.path == "pk" else self.path: refusal(record)}
        names_a_project = self.path == "project" and record.project_id is not None
        if names_a_project and not editable_projects(user).filter(pk=record.project_id).exists():
            return {self.path: refusal(record)}
        return {}


def refusal(record) -> str:
    project = record if isinstance(record, Project) else record.project
    return gettext("“%(project)s” is not one of your organisations' projects: you may not change it.") % {
        "project": project
    }


def within_scope(user: AbstractBaseUser, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` that are `user`'s to fix (the data-quality
    board): those of their projects, their organisations, and the pending
    changes of either; countries and themes are everyone's."""
    model = queryset.model
    if model is Organisation:
        return OrganisationScope().within(user, queryset)
    if not is_project_scoped(user):
        return queryset
    if model is PendingChange:
        return queryset.filter(pending_in_scope(user))
    path = project_path(model)
    return queryset if path is None else queryset.filter(project_ids(user, path))


def pending_in_scope(user: AbstractBaseUser) -> models.Q:
    """Pending changes of records in `user`'s scope: one condition per kind
    of record that has pending changes."""
    condition = models.Q(pk__in=[])
    kinds = PendingChange.objects.order_by().values_list("content_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=kinds):
        model = content_type.model_class()
        if model is None:
            continue
        records = within_scope(user, model._base_manager.all())
        ids = records.annotate(key=Cast("pk", models.CharField())).values("key")
        condition |= models.Q(content_type=content_type, object_id__in=ids)
    return condition
