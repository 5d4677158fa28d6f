"""The admin's data-quality board and the "to do" panel of its index.

Both read `portal.quality.registry_problems()`. They are routed in
cooperation/urls.py, ahead of the admin's own URLs and wrapped by
`admin.site.admin_view` (staff only; anyone else is sent to sign in): the
index is the admin's own, given the counts through its `extra_context`.
"""

from functools import partial

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Max
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from core.models import PendingChange, RegistryRevision
from portal.quality import LIST_LIMIT, everything, registry_problems
from projects.scoping import is_project_scoped, within_scope


def problems_for(request):
    """The problems the reader is to fix: a scoped editor's own
    (projects/scoping.py), everyone's for anyone else."""
    user = request.user
    return registry_problems(within=partial(within_scope, user) if is_project_scoped(user) else everything)


# How long the index's counts may be kept at most (a check that reads the
# clock, such as records not reviewed for a year, moves without an edit).
TO_DO_SECONDS = 3600


def quality_board(request):
    """Every kind of problem, with its count and its first records, each
    linked to the element of its form to fix."""
    problems = problems_for(request)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Data quality"),
        "problems": [problem for problem in problems if problem.count],
        "clean": [problem for problem in problems if not problem.count],
        "limit": LIST_LIMIT,
    }
    return TemplateResponse(request, "admin/quality.html", context)


def index(request):
    """The admin's index, with the count of each kind of problem found.

    The counts are kept until the registry or its pending changes move: on
    a large registry the checks take seconds, and the index is every
    editor's first page."""
    latest_pending = PendingChange.objects.aggregate(latest=Max("updated_at"))["latest"]
    stamp = latest_pending.timestamp() if latest_pending else 0
    key = f"quality:to-do:{RegistryRevision.current().number}:{stamp}:{get_language()}"
    if is_project_scoped(request.user):
        # A scoped editor's counts are their own.
        key = f"{key}:{request.user.pk}"
    to_do = cache.get(key)
    if to_do is None:
        to_do = [
            {"key": problem.key, "label": str(problem.label), "count": problem.count}
            for problem in problems_for(request)
            if problem.count
        ]
        cache.set(key, to_do, TO_DO_SECONDS)
    return admin.site.index(request, extra_context={"to_do": to_do})
