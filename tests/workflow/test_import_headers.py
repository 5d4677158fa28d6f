"""The admin's spreadsheets are headed by each column's label in French and
in Arabic, the labels of the open-data data dictionary; a file headed by the
technical names (exported before the labels) imports as well. The preview
names the columns each updated row changes."""

from decimal import Decimal

import lxml.html
import pytest

from activities.models import Activity
from activities.resources import ActivityResource
from opendata.exports import RESOURCES as DOWNLOADS
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
from tests.workflow.conftest import signed_in
from tests.workflow.spreadsheets import as_csv, as_xlsx, confirm, exported, import_url, preview, read_rows

pytestmark = pytest.mark.django_db

RESOURCES = {Project: ProjectResource, Organisation: OrganisationResource, Activity: ActivityResource}
MODELS = list(RESOURCES)
FORMATS = [("xlsx", as_xlsx), ("csv", as_csv)]
TITLE_FR = "Titre (Français) / العنوان (الفرنسية)"
TITLE_AR = "Titre (Arabe) / العنوان (العربية)"
STATUS = "Statut / الحالة"


@pytest.fixture
def registry():
    morocco, tunisia = CountryFactory(code="MA"), CountryFactory(code="TN")
    OrganisationFactory(slug="anapec", acronym_fr="ANAPEC", name_en="", country=morocco)
    project = ProjectFactory(
        slug="amem", acronym="AMEM", title_en="", budget=Decimal("2500000.50"), budget_currency="EUR"
    )
    ProjectCountryFactory(project=project, country=morocco)
    ProjectCountryFactory(project=project, country=tunisia)
    axis = ComponentFactory(project=project, code="1")
    ActivityFactory(project=project, component=axis, code="1.1", country=morocco, title_fr="Étude")
    ActivityFactory(project=project, component=axis, code="1.2", country=tunisia, title_fr="Atelier")
    ActivityFactory(project=project, component=axis, code="", country=None, title_fr="Recommandations")


@pytest.fixture
def importer(publisher):
    # The registry is published: an editor's changes would wait for review
    # (tests/workflow/test_review.py), a publisher's are written at once.
    return signed_in(publisher)


def state(model):
    return sorted(model.objects.values_list("pk", "updated_at", "version")), model.history.count()


def preview_rows(response) -> dict[int, tuple[str, list[str]]]:
    """Each previewed row by number: its kind (new, update, skip) and the
    columns it changes, as the page shows them."""
    page = lxml.html.fromstring(response.content.decode())
    rows = {}
    for row in page.xpath('//table[contains(@class, "import-preview")]//tr[td]'):
        number = int(row.xpath('string(td[@class="row-number"])'))
        changed = [item.text_content().strip() for item in row.xpath('td[@class="changed-columns"]//li')]
        rows[number] = (row.get("class"), changed)
    return rows


def test_an_exported_spreadsheet_is_headed_by_labels_in_french_and_arabic(importer, registry):
    header, amem = read_rows(exported(importer, Project, "xlsx"), "xlsx")

    assert header[:5] == [
        "Identifiant court / المعرّف النصي (slug)",
        "Acronyme / الاختصار",
        TITLE_FR,
        TITLE_AR,
        "Titre (Anglais) / العنوان (الإنجليزية)",
    ]
    assert {STATUS, "Date de début / تاريخ البداية", "Pays / البلدان"} <= set(header)
    assert not {"slug", "title_fr", "status", "countries"} & set(header)
    assert amem[:2] == ["amem", "AMEM"]


def test_the_headers_are_the_same_in_the_arabic_admin(importer, registry):
    french = read_rows(exported(importer, Activity, "csv"), "csv")[0]
    importer.cookies["django_language"] = "ar"
    assert 'lang="ar"' in importer.get(import_url(Activity, "export")).content.decode()

    arabic = read_rows(exported(importer, Activity, "csv"), "csv")[0]

    assert arabic == french
    assert french[:4] == ["ID", "Projet / مشروع", "Composante / المكون", "Code / الرمز"]


@pytest.mark.parametrize(
    ("resource", "download"),
    [
        (ProjectResource, "projects"),
        (OrganisationResource, "organisations"),
        (ActivityResource, "activities"),
    ],
)
def test_a_column_has_the_label_it_has_in_the_open_data_downloads(resource, download):
    admin_headers = {name: field.column_name for name, field in resource().fields.items()}
    dictionary = {
        column.name: " / ".join(dict.fromkeys([column.label_in("fr"), column.label_in("ar")]))
        for column in DOWNLOADS[download].columns
    }
    shared = admin_headers.keys() & dictionary.keys()

    assert len(shared) >= 10
    assert {name: admin_headers[name] for name in shared} == {name: dictionary[name] for name in shared}
    assert len(set(admin_headers.values())) == len(admin_headers)  # one header, one column


@pytest.mark.parametrize("name", ["xlsx", "csv"])
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_re_imported_export_changes_nothing(importer, registry, model, name):
    before = state(model)

    previewed = preview(importer, model, exported(importer, model, name), name)

    result = previewed.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["new"], result.totals["update"]) == (0, 0)
    assert result.totals["skip"] == model.objects.count()
    assert all(changed == [] for _kind, changed in preview_rows(previewed).values())
    assert confirm(importer, model, previewed).status_code == 302
    assert state(model) == before


@pytest.mark.parametrize(("name", "encode"), FORMATS, ids=[name for name, _encode in FORMATS])
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_an_export_headed_by_technical_names_still_imports(importer, registry, model, name, encode):
    header, *rows = read_rows(exported(importer, model, name), name)
    # The columns as they were headed before the labels: `slug`, `title_fr`...
    technical = list(RESOURCES[model]().get_export_order())
    assert len(technical) == len(header) and not set(technical) & set(header)
    before = state(model)

    previewed = preview(importer, model, encode([technical, *rows]), name)

    result = previewed.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == model.objects.count()
    confirm(importer, model, previewed)
    assert state(model) == before


@pytest.mark.parametrize(("name", "encode"), FORMATS, ids=[name for name, _encode in FORMATS])
def test_the_preview_names_the_columns_each_updated_row_changes(importer, registry, name, encode):
    header, *rows = read_rows(exported(importer, Activity, name), name)
    title_fr, title_ar, status = header.index(TITLE_FR), header.index(TITLE_AR), header.index(STATUS)
    numbers = {row[title_fr]: number for number, row in enumerate(rows, 1)}
    study, workshop = rows[numbers["Étude"] - 1], rows[numbers["Atelier"] - 1]
    study[title_fr] = "Étude sur le recrutement équitable"
    workshop[title_ar] = "ورشة إقليمية"
    workshop[status] = "completed"

    previewed = preview(importer, Activity, encode([header, *rows]), name)

    assert previewed.context["result"].totals["update"] == 2
    assert preview_rows(previewed) == {
        numbers["Étude"]: ("update", [TITLE_FR]),
        numbers["Atelier"]: ("update", [TITLE_AR, STATUS]),
        numbers["Recommandations"]: ("skip", []),
    }
    confirm(importer, Activity, previewed)
    assert Activity.objects.get(code="1.1").title_fr == "Étude sur le recrutement équitable"
    assert Activity.objects.get(code="1.2").status == "completed"


def test_a_file_headed_by_technical_names_updates_what_it_changes(importer, registry):
    rows = [["slug", "acronym", "title_fr", "status"], ["amem", "AMEM", "Nouveau titre", "implementation"]]

    previewed = preview(importer, Project, as_csv(rows), "csv")

    assert preview_rows(previewed) == {1: ("update", [TITLE_FR])}
    confirm(importer, Project, previewed)
    assert Project.objects.get().title_fr == "Nouveau titre"


def test_an_invalid_row_names_the_columns_of_the_file(importer, registry):
    rows = [
        ["Identifiant court / المعرّف النصي (slug)", "Date de début / تاريخ البداية", "end_date"],
        ["amem", "2024-01-01", "2020-12-31"],
    ]

    previewed = preview(importer, Project, as_csv(rows), "csv")

    (row,) = previewed.context["result"].invalid_rows
    assert list(row.field_specific_errors) == ["Date de fin / تاريخ الانتهاء"]
    page = lxml.html.fromstring(previewed.content.decode())
    labels = [label.text_content() for label in page.xpath('//*[@class="validation-error-field-label"]')]
    assert labels == ["Date de fin / تاريخ الانتهاء"]
    assert not Project.objects.filter(start_date__year=2024).exists()
