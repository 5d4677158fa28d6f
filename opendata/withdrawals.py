"""What left the public API since a given time, for incremental sync.

`modified_since` brings what changed; this brings what went away: records
deleted, or no longer published (draft, in review, archived), read from
django-simple-history's tables. A record counts when its latest historical
state since then is a deletion or not published, and it was published at
some point (a draft that never went public stays unknown). A component,
indicator, activity or event whose project (or component) was withdrawn is
listed too, since it left the API with it, and so is the former slug of a
renamed project or organisation. Keys are those of the detail URLs: the
slug of a project or organisation, the id of the others.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from operator import itemgetter

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.viewsets import GenericViewSet

from activities.models import Activity, Event
from core.periods import OUT_OF_RANGE, in_utc
from core.publication import Publication
from core.rest.fields import CodedField
from core.rest.pagination import PageNumbers
from core.rest.views import RegistryAPIMixin
from partners.models import Organisation
from projects.models import Component, Indicator, Project

SINCE_PARAM = "since"


class Reason(models.TextChoices):
    DELETED = "deleted", _("Deleted")
    UNPUBLISHED = "unpublished", _("No longer published")
    PARENT_WITHDRAWN = "parent_withdrawn", _("Its project or component was withdrawn")
    RENAMED = "renamed", _("Its key changed: it lives on under the new one")


@dataclass(frozen=True)
class Withdrawable:
    resource: str
    model: type
    key: str
    # Foreign key -> resource whose withdrawal takes this record along.
    parents: dict = field(default_factory=dict)


# Parents before children, so a child can look up its parent's withdrawal.
WITHDRAWABLE = (
    Withdrawable("projects", Project, "slug"),
    Withdrawable("organisations", Organisation, "slug"),
    Withdrawable("components", Component, "id", {"project_id": "projects"}),
    Withdrawable("indicators", Indicator, "id", {"project_id": "projects"}),
    Withdrawable("activities", Activity, "id", {"project_id": "projects", "component_id": "components"}),
    Withdrawable("events", Event, "id", {"project_id": "projects"}),
)


@dataclass(frozen=True)
class Withdrawal:
    resource: str
    key: str
    reason: str
    withdrawn_at: datetime.datetime


NEWEST_FIRST = ("id", "-history_date", "-history_id")


def _by_record(rows) -> dict[int, list[dict]]:
    """Historical rows (ordered by NEWEST_FIRST) grouped by record id."""
    return {record_id: list(group) for record_id, group in groupby(rows, key=itemgetter("id"))}


def _former_keys(kind: Withdrawable, history, since, changed: dict[int, list[dict]]) -> list[Withdrawal]:
    """Slugs under which a record was published and that it no longer has:
    its old URL left the API when the slug changed."""
    fields = ("id", kind.key, "history_type", "publication", "history_date")
    before = _by_record(
        history.filter(id__in=list(changed), history_date__lt=since).order_by(*NEWEST_FIRST).values(*fields)
    )
    found = []
    for record_id, rows in changed.items():
        states = rows + before.get(record_id, [])[:1]
        current, seen = rows[0][kind.key], set()
        for newer, state in pairwise(states):
            key = state[kind.key]
            if key == current or key in seen:
                continue
            seen.add(key)
            if state["publication"] == Publication.PUBLISHED and state["history_type"] != "-":
                found.append(Withdrawal(kind.resource, str(key), Reason.RENAMED, newer["history_date"]))
    return found


def withdrawals_since(since: datetime.datetime) -> list[Withdrawal]:
    found: list[Withdrawal] = []
    # Withdrawn ids by resource, with when, for their children.
    withdrawn_ids: dict[str, dict[int, datetime.datetime]] = {}
    for kind in WITHDRAWABLE:
        history = kind.model.history.model.objects
        changed = _by_record(
            history.filter(history_date__gte=since)
            .order_by(*NEWEST_FIRST)
            .values("id", kind.key, "history_type", "publication", "history_date")
        )
        latest = [rows[0] for rows in changed.values()]
        gone = [
            row for row in latest if row["history_type"] == "-" or row["publication"] != Publication.PUBLISHED
        ]
        if gone:
            once_public = set(
                history.filter(id__in=[row["id"] for row in gone], publication=Publication.PUBLISHED)
                .values_list("id", flat=True)
                .distinct()
            )
            gone = [row for row in gone if row["id"] in once_public]
        own = {
            row["id"]: Withdrawal(
                kind.resource,
                str(row[kind.key]),
                Reason.DELETED if row["history_type"] == "-" else Reason.UNPUBLISHED,
                row["history_date"],
            )
            for row in gone
        }
        for foreign_key, parent_resource in kind.parents.items():
            parents = withdrawn_ids.get(parent_resource) or {}
            if not parents:
                continue
            # Published children that left with their parent.
            children = kind.model.objects.filter(
                **{f"{foreign_key}__in": list(parents)}, publication=Publication.PUBLISHED
            ).values("id", kind.key, foreign_key)
            for child in children:
                if child["id"] not in own:
                    own[child["id"]] = Withdrawal(
                        kind.resource,
                        str(child[kind.key]),
                        Reason.PARENT_WITHDRAWN,
                        parents[child[foreign_key]],
                    )
        withdrawn_ids[kind.resource] = {pk: item.withdrawn_at for pk, item in own.items()}
        found += own.values()
        if kind.key != "id" and changed:
            found += _former_keys(kind, history, since, changed)
    return sorted(found, key=lambda item: (item.withdrawn_at, item.resource, item.key))


class WithdrawalSerializer(serializers.Serializer):
    resource = serializers.ChoiceField(
        choices=[kind.resource for kind in WITHDRAWABLE],
        read_only=True,
        help_text=_("The list the record left, as in its URL (/api/v1/<resource>/)."),
    )
    key = serializers.CharField(
        read_only=True,
        help_text=_("Its key in that list: the slug of a project or organisation, else the id."),
    )
    reason = CodedField(Reason)
    withdrawn_at = serializers.DateTimeField(read_only=True)


class SinceSerializer(serializers.Serializer):
    since = serializers.DateTimeField()


@extend_schema_view(
    list=extend_schema(
        summary=_("Records withdrawn from the API since a given time"),
        tags=["sync"],
        parameters=[
            OpenApiParameter(
                SINCE_PARAM,
                OpenApiTypes.DATETIME,
                required=True,
                description=_(
                    "ISO 8601 date and time, e.g. 2024-05-01T00:00:00Z (the time of your last sync)."
                ),
            )
        ],
    )
)
class WithdrawalViewSet(RegistryAPIMixin, GenericViewSet):
    """Records that left the public API since `since`, for incremental sync.

    Together with `modified_since` on each list (what changed), this says
    what to delete: records deleted, or no longer published (draft, in
    review, archived), read from the change history. A record counts when
    its latest state since then is a deletion or not published and it was
    published once (a draft that never went public is never named). A
    component, indicator, activity or event whose project (or component) was
    withdrawn is listed with reason `parent_withdrawn`; the former slug of a
    renamed project or organisation, with reason `renamed`. `resource` is the
    list the record left (its URL segment) and `key` its key there: the slug
    of a project or organisation, else the id. A record published again
    later no longer counts: it comes back through `modified_since`. Oldest
    first, in numbered pages."""

    serializer_class = WithdrawalSerializer
    pagination_class = PageNumbers
    filter_backends = []

    def list(self, request, *args, **kwargs):
        return self.cached_or(self.withdrawals, request)

    def withdrawals(self, request):
        params = SinceSerializer(data={SINCE_PARAM: request.query_params.get(SINCE_PARAM)})
        params.is_valid(raise_exception=True)
        since = in_utc(params.validated_data[SINCE_PARAM])
        if since is None:
            raise ValidationError({SINCE_PARAM: [OUT_OF_RANGE]})
        withdrawals = withdrawals_since(since)
        page = self.paginate_queryset(withdrawals)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
