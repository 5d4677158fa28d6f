"""A partner's mirror keys projects and organisations on what never
changes: a project's IATI key (and identifier), an organisation's id, both
kept when the slug is renamed."""

import pytest

from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_project_keeps_its_key_and_identifier(client, settings):
    project = ProjectFactory(acronym="AMEM")
    before = client.get("/api/v1/projects/amem/").json()
    project.slug = "amem-maghreb"
    project.save()
    after = client.get("/api/v1/projects/amem-maghreb/").json()
    assert (after["iati_key"], after["iati_identifier"]) == (before["iati_key"], before["iati_identifier"])
    assert after["iati_identifier"] == f"{settings.IATI_REPORTING_ORG_REF}-AMEM"
    listed = client.get("/api/v1/projects/").json()["results"]
    assert [row["iati_key"] for row in listed] == ["AMEM"]


def test_a_renamed_organisation_keeps_its_id(client):
    organisation = OrganisationFactory(slug="bit")
    before = client.get("/api/v1/organisations/bit/").json()
    organisation.slug = "oit"
    organisation.save()
    after = client.get("/api/v1/organisations/oit/").json()
    assert after["id"] == before["id"] == organisation.pk
    assert [row["id"] for row in client.get("/api/v1/organisations/").json()["results"]] == [organisation.pk]
