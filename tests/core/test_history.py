"""Every record has a first version, so that its first edit can be compared
and reverted: records written without history (the seed load, bulk writes)
get one from `write_first_versions`, from the seed load and from a data
migration for databases loaded before."""

import pytest
from django.apps import apps
from django.core.management import call_command

from core.history import write_first_versions
from partners.models import Country, Organisation
from projects.models import Project
from tests.factories import ProjectFactory


def unversioned(model):
    return model.objects.exclude(pk__in=model.history.values(model._meta.pk.attname))


def written_without_history():
    morocco = Country.objects.bulk_create([Country(code="MA", name_fr="Maroc", name_ar="المغرب")])[0]
    organisation = Organisation.objects.bulk_create(
        [
            Organisation(
                slug="anapec", name_fr="ANAPEC", name_ar="أنابيك", kind="public_agency", country=morocco
            )
        ]
    )[0]
    return morocco, organisation


@pytest.mark.django_db
def test_records_without_a_version_get_their_first_one_once():
    _morocco, anapec = written_without_history()
    ProjectFactory()  # saved: it has its own first version already
    assert unversioned(Organisation).exists() and unversioned(Country).exists()

    assert write_first_versions(apps) == 2
    assert not unversioned(Organisation).exists() and not unversioned(Country).exists()
    first = anapec.history.get()
    assert (first.history_type, first.name_fr, first.country_id) == ("+", "ANAPEC", "MA")
    assert Project.history.count() == 1

    assert write_first_versions(apps) == 0


@pytest.mark.django_db
def test_a_first_edit_can_be_compared_and_reverted():
    _morocco, anapec = written_without_history()
    write_first_versions(apps)
    anapec.refresh_from_db()
    anapec.name_fr = "Agence nationale de promotion de l'emploi et des compétences"
    anapec.save()

    latest, first = anapec.history.order_by("-history_date", "-history_id")[:2]
    changes = latest.diff_against(first, excluded_fields=["version", "updated_at", "search_text"])
    # `name` is modeltranslation's copy of the default language's column.
    assert {change.field: (change.old, change.new) for change in changes.changes} == dict.fromkeys(
        ("name", "name_fr"), ("ANAPEC", "Agence nationale de promotion de l'emploi et des compétences")
    )
    first.instance.save()
    anapec.refresh_from_db()
    assert anapec.name_fr == "ANAPEC"


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_writes_them_for_a_database_loaded_before():
    call_command("migrate", "portal", "0001", verbosity=0)
    _morocco, anapec = written_without_history()
    assert not anapec.history.exists()

    call_command("migrate", "portal", verbosity=0)

    assert anapec.history.get().history_type == "+"
