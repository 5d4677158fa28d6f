"""Users of the editorial groups, and a project ready to be published."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.test import Client

from core.workflow import sync_editorial_groups
from projects.models import Participation
from tests.factories import ParticipationFactory, ProjectCountryFactory, ProjectFactory


def member_of(group_name: str, username: str) -> User:
    # The groups come from a data migration; a flushed test database may
    # have lost them, so they are brought back first.
    sync_editorial_groups(apps)
    user = User.objects.create_user(username, password="a long passphrase 42", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor")


@pytest.fixture
def publisher(db):
    return member_of("Publishers", "publisher")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


def publishable_project(**fields):
    """A draft project that passes every publication check."""
    project = ProjectFactory(publication="draft", **fields)
    ProjectCountryFactory(project=project)
    ParticipationFactory(project=project, role=Participation.Role.FUNDER)
    return project


@pytest.fixture
def project(db):
    return publishable_project()


def posted(value):
    """A form value as a browser posts it (None when it posts nothing)."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def form_data(response, **overrides) -> dict:
    """What a browser would post back from the admin change form in
    `response`, inlines included, with `overrides`."""
    data = {}
    forms = [response.context["adminform"].form]
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        forms += formset.formset.forms
    for form in forms:
        for name in form.fields:
            value = posted(form[name].value())
            if value is not None:
                data[form.add_prefix(name)] = value
    return data | overrides
