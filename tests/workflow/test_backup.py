"""Backup round trip: dump the registry, empty the database, restore it, and
find the same records, history and API output."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from core.backup import registry_models
from core.models import PendingChange
from projects.services import project_publish
from tests.factories import (
    ActivityFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectRelationFactory,
    ThemeFactory,
)
from tests.workflow.conftest import publishable_project

pytestmark = pytest.mark.django_db
API_URLS = ["/api/v1/projects/", "/api/v1/organisations/", "/api/v1/activities/", "/api/v1/events/"]


@pytest.fixture
def registry(publisher):
    project = publishable_project()
    project.themes.add(ThemeFactory())
    ActivityFactory(project=project).partners.add(OrganisationFactory())
    IndicatorFactory(project=project)
    DocumentFactory(project=project)
    EventFactory(project=project)
    EventFactory(project=None)
    ParticipationFactory(project=project, organisation=OrganisationFactory(parent=OrganisationFactory()))
    ProjectRelationFactory(project=project)
    project_publish(project=project, user=publisher)
    project.title_fr = "Titre modifié"
    project.save()
    # A change waiting for review is work nobody may lose either.
    PendingChange.objects.create(
        record=project,
        author=publisher,
        rows=[
            {
                "model": "projects.project",
                "pk": project.pk,
                "action": "change",
                "fields": {"title_fr": ["Titre modifié", "Titre relu"]},
            }
        ],
    )
    # A deleted record keeps its history, which must survive too.
    OrganisationFactory(slug="supprimee").delete()
    return project


def snapshot() -> dict:
    live, history = registry_models()
    models = [Group, get_user_model(), *live, *history, PendingChange]
    return {
        model._meta.label: serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            # Groups are restored by name: their ids may differ.
            use_natural_primary_keys=model is Group,
        )
        for model in models
    }


def api_output() -> dict:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    return {url: client.get(url).json() for url in API_URLS}


def empty_the_database():
    """Delete every row restore_registry needs an empty table for (and the
    rows pointing at them), keeping what `migrate` creates: content types
    and permissions. Row by row rather than `flush`, which PostgreSQL
    refuses inside the test's transaction."""
    emptied = {"partners", "projects", "activities", "auth", "admin", "authtoken", "axes"}
    for model in apps.get_models(include_auto_created=True):
        if (model._meta.app_label in emptied or model is PendingChange) and model is not Permission:
            model._base_manager.all()._raw_delete(connection.alias)


def dump() -> str:
    output = io.StringIO()
    call_command("dump_registry", stdout=output)
    return output.getvalue()


def test_dump_then_restore_into_an_empty_database_gives_the_same_registry(registry, tmp_path):
    before, api_before = snapshot(), api_output()
    assert api_before["/api/v1/projects/"]["count"] == 2  # the project and the one it follows
    path = tmp_path / "registry.json"
    path.write_text(dump(), encoding="utf-8")

    empty_the_database()
    assert not get_user_model().objects.exists()
    call_command("restore_registry", str(path), stdout=io.StringIO())

    assert snapshot() == before
    assert api_output() == api_before


def test_the_dump_names_related_records_by_natural_keys(registry):
    objects = json.loads(dump())
    project = next(o for o in objects if o["model"] == "projects.project")
    assert project["fields"]["themes"] == [[registry.themes.get().slug]]
    link = next(o for o in objects if o["model"] == "projects.projectcountry")
    assert link["fields"]["project"] == [registry.slug]
    assert any(
        o["model"] == "partners.historicalorganisation" and o["fields"]["slug"] == "supprimee"
        for o in objects
    )


def test_restore_refuses_a_database_that_is_not_empty(registry, tmp_path):
    path = tmp_path / "registry.json"
    path.write_text(dump(), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("restore_registry", str(path))
