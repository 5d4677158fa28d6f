"""The Content Security Policy, as a browser applies it: the admin's most
scripted pages and the API docs run without a single violation."""

import pytest
from django.contrib.auth.models import User

PAGES = [
    "/admin/",
    "/admin/projects/project/",
    "/admin/projects/project/add/",
    "/admin/projects/project/import/",
    "/admin/activities/activity/add/",
    "/api/docs/",
    "/api/redoc/",
    "/fr/",
]


@pytest.mark.browser
# The package's `transactional_db` keeps the committed seed registry and
# removes the rows a test adds (this user) when the browser tests end.
def test_admin_and_api_docs_run_under_the_policy(page):
    User.objects.create_superuser("csp", password="a long passphrase 42")
    violations = []
    page.on(
        "console",
        lambda message: violations.append((page.url, message.text))
        if "Content Security Policy" in message.text
        else None,
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "csp")
    page.fill("#id_password", "a long passphrase 42")
    page.click("input[type=submit]")
    for path in PAGES:
        assert page.goto(path).status == 200, path
        page.wait_for_load_state("networkidle")
    # The project form's scripts ran: its language tabs were built.
    page.goto("/admin/projects/project/add/")
    assert page.locator(".ui-tabs-nav").count() > 0
    # Redoc's own "powered by" logo is on its vendor's host: the policy is
    # right to block it (no asset from another host), and nothing else.
    assert [v for v in violations if "https://cdn.redoc.ly/" not in v[1]] == []
