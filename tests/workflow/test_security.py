"""Production settings, security headers, and the sign-in lockout."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProjectFactory

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_checks_pass_with_production_settings():
    # A production environment: none of the test suite's or a developer's variables.
    environment = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "DATABASE_URL") if key in os.environ
    }
    environment |= {"SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "registry.example.org"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/fr/", "/api/v1/", "/api/docs/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url, follow=True)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_keeps_working_under_the_policy(admin_client):
    # The pages with the most JavaScript: a project with inlines, tabs and autocompletes.
    project = ProjectFactory()
    page = admin_client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    assert "<script>" not in page
    assert ' style="' not in page
    assert "Content-Security-Policy" in admin_client.get(reverse("admin:index")).headers


@pytest.mark.django_db
def test_the_sixth_wrong_password_locks_the_account():
    User.objects.create_user("amina", password="the right passphrase 42", is_staff=True)
    login = reverse("admin:login")
    browser = Client(REMOTE_ADDR="10.0.0.7")
    for _attempt in range(5):
        response = browser.post(login, {"username": "amina", "password": "wrong"})
        assert response.status_code == 200
        assert "locked-out" not in response.content.decode()
    locked = browser.post(login, {"username": "amina", "password": "wrong"})
    assert locked.status_code == 429
    assert "locked-out" in locked.content.decode()
    assert "admin/locked_out.html" in [template.name for template in locked.templates]
    # Even the right password is refused now.
    refused = browser.post(login, {"username": "amina", "password": "the right passphrase 42"})
    assert refused.status_code == 429
    assert "_auth_user_id" not in browser.session


@pytest.mark.django_db
def test_the_lock_holds_for_that_user_from_that_address_only():
    User.objects.create_user("amina", password="the right passphrase 42", is_staff=True)
    User.objects.create_user("karim", password="another passphrase 42", is_staff=True)
    login = reverse("admin:login")
    office = Client(REMOTE_ADDR="10.0.0.7")
    for _attempt in range(6):
        office.post(login, {"username": "amina", "password": "wrong"})
    colleague = Client(REMOTE_ADDR="10.0.0.7")
    assert (
        colleague.post(login, {"username": "karim", "password": "another passphrase 42"}).status_code == 302
    )
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    assert (
        elsewhere.post(login, {"username": "amina", "password": "the right passphrase 42"}).status_code == 302
    )


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(settings):
    from axes.models import AccessAttempt

    User.objects.create_user("amina", password="the right passphrase 42", is_staff=True)
    login = reverse("admin:login")
    browser = Client(REMOTE_ADDR="10.0.0.7")
    for _attempt in range(6):
        browser.post(login, {"username": "amina", "password": "wrong"})
    assert (
        browser.post(login, {"username": "amina", "password": "the right passphrase 42"}).status_code == 429
    )
    # Half an hour later (the failures are dated back rather than waited for).
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert (
        browser.post(login, {"username": "amina", "password": "the right passphrase 42"}).status_code == 302
    )
