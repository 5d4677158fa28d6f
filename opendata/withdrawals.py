"""What left the public API since a given time, for incremental sync.

`modified_since` brings what changed; this brings what went away, from the
change feed (core/feed.py): every key under which a record was shown and is
no longer, with why (deleted, no longer published, left with its project or
component, or renamed, with its new key). Keys are those of the detail URLs:
the slug of a project or organisation, the id of the others.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.viewsets import GenericViewSet

from core.feed import catch_up
from core.models import Withdrawal
from core.periods import OUT_OF_RANGE, in_utc
from core.rest.fields import CodedField
from core.rest.pagination import PageNumbers
from core.rest.views import RegistryAPIMixin
from opendata.feeds import FEEDS

SINCE_PARAM = "since"
CHECKPOINT_HEADER = "X-Sync-Checkpoint"
Reason = Withdrawal.Reason


class WithdrawalSerializer(serializers.Serializer):
    resource = serializers.ChoiceField(
        choices=[feed.resource for feed in FEEDS],
        read_only=True,
        help_text=_("The list the record left, as in its URL (/api/v1/<resource>/)."),
    )
    key = serializers.CharField(
        read_only=True,
        help_text=_("Its key in that list: the slug of a project or organisation, else the id."),
    )
    reason = CodedField(Reason)
    new_key = serializers.SerializerMethodField(
        help_text=_("For a renamed record, the key it now lives under (its newest); else null.")
    )
    withdrawn_at = serializers.DateTimeField(read_only=True)

    def get_new_key(self, withdrawal) -> str | None:
        return withdrawal.new_key or None


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
            ),
            OpenApiParameter(
                CHECKPOINT_HEADER,
                OpenApiTypes.DATETIME,
                location=OpenApiParameter.HEADER,
                response=[200],
                description=_("The since and modified_since of your next sync."),
            ),
        ],
    )
)
class WithdrawalViewSet(RegistryAPIMixin, GenericViewSet):
    """Keys that left the public API since `since`, for incremental sync.

    Together with `modified_since` on each list (what changed), this says
    what to delete: records deleted or no longer published (draft, in
    review, archived), with reason `deleted` or `unpublished`; a component,
    indicator, activity or event whose project (or component) was withdrawn,
    with reason `parent_withdrawn`; the former key of a renamed project or
    organisation, with reason `renamed` and `new_key`. Any record the API
    showed counts, and only those (a draft never shown is never named).
    `resource` is the list the record left (its URL segment) and `key` its
    key there: the slug of a project or organisation, else the id. A key
    shown again later no longer counts: it comes back through
    `modified_since`. Oldest first, in numbered pages.

    The `X-Sync-Checkpoint` header gives the `since` (and `modified_since`)
    of the next sync: ask this list first, then the others."""

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
        # Changes stamped before this moment are in what follows, or were
        # in answers already given: the next sync asks from here.
        checkpoint = timezone.now()
        catch_up()
        withdrawals = Withdrawal.objects.filter(withdrawn_at__gte=since).order_by(
            "withdrawn_at", "resource", "key"
        )
        page = self.paginate_queryset(withdrawals)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response[CHECKPOINT_HEADER] = checkpoint.isoformat()
        return response
