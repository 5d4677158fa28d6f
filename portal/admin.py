"""The admin's data-quality board and the "to do" panel of its index.

Both read `portal.quality.registry_problems()`. They are routed in
cooperation/urls.py, ahead of the admin's own URLs and wrapped by
`admin.site.admin_view` (staff only; anyone else is sent to sign in): the
index is the admin's own, given the counts through its `extra_context`.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from portal.quality import LIST_LIMIT, registry_problems


def quality_board(request):
    """Every kind of problem, with its count and its first records, each
    linked to the element of its form to fix."""
    problems = registry_problems()
    context = {
        **admin.site.each_context(request),
        "title": gettext("Data quality"),
        "problems": [problem for problem in problems if problem.count],
        "clean": [problem for problem in problems if not problem.count],
        "limit": LIST_LIMIT,
    }
    return TemplateResponse(request, "admin/quality.html", context)


def index(request):
    """The admin's index, with the count of each kind of problem found."""
    problems = registry_problems()
    return admin.site.index(
        request, extra_context={"to_do": [problem for problem in problems if problem.count]}
    )
