"""Re-importing an unchanged export changes nothing: no new version, no moved
`updated_at`, nothing reported modified, whatever the format (an empty cell
reads as None in a spreadsheet and as "" in CSV). One changed cell is one
modified row."""

import pytest
from import_export.formats.base_formats import CSV, XLSX

from activities.models import Activity
from activities.resources import ActivityResource
from partners.models import Organisation
from partners.resources import OrganisationResource
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    OrganisationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

RESOURCES = [(ProjectResource, Project), (OrganisationResource, Organisation), (ActivityResource, Activity)]


@pytest.fixture
def registry():
    morocco, tunisia = CountryFactory(code="MA"), CountryFactory(code="TN")
    OrganisationFactory(slug="anapec", name_en="", description_ar="", country=morocco)
    project = ProjectFactory(acronym="AMEM", title_en="", summary_en="", period_note_fr="", budget=None)
    ProjectCountryFactory(project=project, country=morocco)
    ProjectCountryFactory(project=project, country=tunisia)
    axis = ComponentFactory(project=project, code="1")
    # The same activity carried out in two countries under one number, and
    # two sub-regional ones with no number at all.
    ActivityFactory(project=project, component=axis, code="1.1", country=morocco, title_en="")
    ActivityFactory(project=project, component=axis, code="1.1", country=tunisia, title_en="")
    ActivityFactory(project=project, component=axis, code="", country=None, title_fr="Atelier sous-régional")
    ActivityFactory(project=project, component=axis, code="", country=None, title_fr="Recommandations")


def state(model):
    return sorted(model.objects.values_list("pk", "updated_at", "version")), model.history.count()


@pytest.mark.parametrize("file_format", [XLSX(), CSV()], ids=["xlsx", "csv"])
@pytest.mark.parametrize(("resource", "model"), RESOURCES, ids=lambda item: getattr(item, "__name__", ""))
def test_an_unchanged_export_imports_as_no_change(registry, file_format, resource, model):
    before = state(model)
    dataset = file_format.create_dataset(file_format.export_data(resource().export()))

    result = resource().import_data(dataset)

    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["new"], result.totals["update"]) == (0, 0)
    assert result.totals["skip"] == model.objects.count()
    assert state(model) == before


@pytest.mark.parametrize("file_format", [XLSX(), CSV()], ids=["xlsx", "csv"])
def test_one_changed_title_is_one_modified_row(registry, file_format):
    dataset = file_format.create_dataset(file_format.export_data(ActivityResource().export()))
    rows = dataset.dict
    rows[2]["Titre (Français) / العنوان (الفرنسية)"] = "Atelier sous-régional de restitution"
    changed = dataset.__class__(headers=dataset.headers)
    for row in rows:
        changed.append([row[header] for header in dataset.headers])

    result = ActivityResource().import_data(changed)

    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 1, 3)
    assert Activity.objects.filter(title_fr="Atelier sous-régional de restitution").count() == 1
    assert Activity.objects.count() == 4
