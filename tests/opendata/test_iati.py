"""The IATI 2.03 export: valid against the official schema and codelists,
built from published data only, streamed."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from lxml import etree

from core.feed import catch_up
from core.publication import Publication
from opendata.iati import rows
from opendata.iati.activity import activity_dates, even_shares, within_a_year
from projects.models import Participation, Project, ProjectCountry
from tests.factories import (
    CountryFactory,
    DocumentFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.opendata.conftest import IATI_EXAMPLES, streamed
from tests.registry import DRAFT_MARKERS

REGISTRY_URL = "/api/v1/iati/activities.xml"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def project_url(slug):
    return f"/api/v1/projects/{slug}/iati.xml"


def activity_of(document, identifier):
    found = document.xpath(f"//iati-activity[iati-identifier='{identifier}']")
    assert len(found) == 1, identifier
    return found[0]


def identifier(project):
    return f"MA-COA-31-{project.iati_key}"


# The oracle itself


def test_the_invalid_example_is_rejected(iati_schema):
    document = etree.parse(str(IATI_EXAMPLES / "invalid-missing-reporting-org.xml"))
    assert not iati_schema.validate(document)
    assert any("reporting-org" in error.message for error in iati_schema.error_log)


@pytest.mark.parametrize("name", ["minimal-valid.xml", "programme-with-subproject-valid.xml"])
def test_the_valid_examples_pass_both_checks(name, assert_valid_iati):
    assert_valid_iati((IATI_EXAMPLES / name).read_bytes())


def test_the_codelist_check_catches_codes_the_schema_accepts(iati_schema, codelists):
    document = etree.parse(str(IATI_EXAMPLES / "minimal-valid.xml"))
    broken = copy.deepcopy(document)
    broken.find(".//activity-status").set("code", "99")
    broken.find(".//sector").set("code", "99999")
    assert iati_schema.validate(broken)  # the schema does not see it...
    _checked, problems = codelists.problems(broken)  # ...the codelists do
    assert any("ActivityStatus" in problem for problem in problems)
    assert any("'99999' not in Sector" in problem for problem in problems)


# The whole registry


def test_registry_export_is_valid_and_streamed(client, registry, assert_valid_iati):
    response = client.get(REGISTRY_URL)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("application/xml")
    document = assert_valid_iati(streamed(response))
    root = document.getroot()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    identifiers = root.xpath("//iati-identifier/text()")
    assert sorted(identifiers) == sorted(
        identifier(registry[name]) for name in ("project", "programme", "predecessor")
    )


def test_each_published_project_export_is_valid(client, registry, assert_valid_iati):
    for name in ("project", "programme", "predecessor"):
        project = registry[name]
        response = client.get(project_url(project.slug))
        assert response.status_code == 200
        document = assert_valid_iati(streamed(response))
        assert document.xpath("//iati-identifier/text()") == [identifier(project)]


def test_drafts_are_never_exported(client, registry):
    content = streamed(client.get(REGISTRY_URL)).decode()
    for hidden in (*DRAFT_MARKERS, "DRAFTY", "secret-funder", "OS 9"):
        assert hidden not in content, hidden
    assert client.get(project_url(registry["draft_project"].slug)).status_code == 404
    assert client.get(project_url("no-such-project")).status_code == 404


def test_incomplete_project_is_left_out_with_a_reason(client, registry):
    incomplete = registry["incomplete"]
    content = streamed(client.get(REGISTRY_URL)).decode()
    assert f"<iati-identifier>{identifier(incomplete)}</iati-identifier>" not in content
    assert f"Left out: {identifier(incomplete)}" in content
    assert "no summary, objective or target groups" in content
    response = client.get(project_url(incomplete.slug))
    assert response.status_code == 404
    assert b"bare" in response.content


def test_a_project_with_the_least_data_still_makes_a_valid_file(client, db, assert_valid_iati):
    project = ProjectFactory(
        title_ar="", title_en="", summary_ar="", objective_fr="", objective_ar="", end_date=None, budget=None
    )
    ParticipationFactory(project=project, role=Participation.Role.IMPLEMENTER)
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    activity = document.getroot()[0]
    assert [narrative.get(LANG) for narrative in activity.find("title")] == ["fr"]
    for absent in ("recipient-country", "sector", "budget", "transaction", "result", "related-activity"):
        assert activity.find(absent) is None
    assert all((narrative.text or "").strip() for narrative in activity.iter("narrative"))


def test_registry_with_nothing_to_export_is_a_404_not_an_invalid_file(client, db):
    assert client.get(REGISTRY_URL).status_code == 404


# What one activity says


@pytest.fixture
def activity(client, registry, assert_valid_iati):
    document = assert_valid_iati(streamed(client.get(project_url(registry["project"].slug))))
    return document.getroot().find("iati-activity")


def test_identifier_is_built_from_the_fixed_key_not_the_slug(client, registry):
    project = registry["project"]
    project.slug = "thamm-renamed"
    project.save()
    content = streamed(client.get(project_url("thamm-renamed"))).decode()
    assert "<iati-identifier>MA-COA-31-THAMM</iati-identifier>" in content


def test_activity_attributes(activity, registry):
    assert activity.get(LANG) == "fr"
    assert activity.get("default-currency") == "EUR"
    assert activity.get("hierarchy") == "2"
    assert datetime.datetime.fromisoformat(activity.get("last-updated-datetime"))


def test_reporting_org_and_narratives_in_three_languages(activity, settings):
    reporting = activity.find("reporting-org")
    assert reporting.get("ref") == settings.IATI_REPORTING_ORG_REF
    assert reporting.get("type") == "10"
    assert [n.get(LANG) for n in reporting] == ["fr", "ar", "en"]
    title = activity.find("title")
    assert [n.get(LANG) for n in title] == ["fr", "ar", "en"]
    assert title[1].text == "نحو مقاربة شاملة لحكامة هجرة اليد العاملة"


def test_descriptions_leave_out_blank_languages(activity):
    descriptions = {d.get("type"): [n.get(LANG) for n in d] for d in activity.findall("description")}
    # Summary (general) in fr and ar only, objective in fr and ar, target groups in fr.
    assert descriptions == {"1": ["fr", "ar"], "2": ["fr", "ar"], "3": ["fr"]}


def test_participating_organisations_and_roles(activity):
    orgs = [
        (o.get("role"), o.get("ref"), o.get("type"), o[0].text) for o in activity.findall("participating-org")
    ]
    assert orgs == [
        ("1", "XI-IATI-EC_INTPA", "40", "Union européenne"),
        ("2", None, "10", "Ministère du Travail et de l'Insertion Professionnelle"),
        # Implementer and institutional partner are both "implementing": one entry.
        ("4", "XM-DAC-41302", "40", "Organisation internationale du Travail"),
    ]


def test_dates_follow_the_status(activity):
    assert activity.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")]
    assert dates == [("2", "2019-11-01"), ("3", "2029-10-31")]


@pytest.mark.parametrize(
    ("status", "start", "end", "expected"),
    [
        (Project.Status.PIPELINE, "2020-01-01", "2021-12-31", ["1", "3"]),
        (Project.Status.IMPLEMENTATION, "2020-01-01", "2030-12-31", ["2", "3"]),
        (Project.Status.FINALISATION, "2020-01-01", "2021-12-31", ["2", "3"]),
        (Project.Status.CLOSED, "2020-01-01", "2021-12-31", ["2", "4"]),
        (Project.Status.CANCELLED, "2020-01-01", "2021-12-31", ["1", "3"]),
        (Project.Status.SUSPENDED, "2020-01-01", "2021-12-31", ["2", "3"]),
        # An actual date is never in the future.
        (Project.Status.IMPLEMENTATION, "2031-01-01", "2032-12-31", ["1", "3"]),
        (Project.Status.CLOSED, "2020-01-01", "2031-12-31", ["2", "3"]),
    ],
)
def test_date_types_by_status(status, start, end, expected):
    project = Project(
        status=status,
        start_date=datetime.date.fromisoformat(start),
        end_date=datetime.date.fromisoformat(end),
    )
    today = datetime.date(2025, 6, 30)
    assert [date_type for date_type, _date in activity_dates(project, today)] == expected


def test_recipient_countries_leave_out_suspended_ones_and_sum_to_100(activity):
    countries = [(c.get("code"), Decimal(c.get("percentage"))) for c in activity.findall("recipient-country")]
    assert [code for code, _share in countries] == ["MA", "TN"]
    assert sum(share for _code, share in countries) == 100


def test_sectors_come_from_theme_codes_and_sum_to_100(activity):
    sectors = activity.findall("sector")
    assert sorted(s.get("code") for s in sectors) == ["15190", "16020"]
    assert {s.get("vocabulary") for s in sectors} == {"1"}
    assert sum(Decimal(s.get("percentage")) for s in sectors) == 100


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7])
def test_even_shares_sum_to_exactly_100(count):
    shares = even_shares(count)
    assert len(shares) == count
    assert sum(shares) == 100
    assert max(shares) - min(shares) <= Decimal("0.01")


def test_a_budget_longer_than_a_year_is_left_out(activity):
    # THAMM has 25 M EUR over ten years: IATI budgets cover a year at most.
    assert activity.find("budget") is None


def test_a_budget_within_a_year_is_written(client, db, assert_valid_iati):
    project = ProjectFactory(
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 2, 28),
        budget=Decimal("1500000.50"),
        budget_currency="MAD",
    )
    ParticipationFactory(project=project, role=Participation.Role.FUNDER)
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    budget = document.find(".//budget")
    assert (budget.get("type"), budget.get("status")) == ("1", "2")
    assert budget.find("period-start").get("iso-date") == "2024-03-01"
    assert budget.find("period-end").get("iso-date") == "2025-02-28"
    value = budget.find("value")
    assert (value.text, value.get("currency"), value.get("value-date")) == ("1500000.5", "MAD", "2024-03-01")


@pytest.mark.parametrize(
    ("start", "end", "within"),
    [
        ("2024-01-01", "2024-12-31", True),
        ("2024-01-01", "2025-01-01", False),
        ("2024-02-29", "2025-02-27", True),
        ("2024-02-29", "2025-02-28", False),
    ],
)
def test_within_a_year(start, end, within):
    assert within_a_year(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)) is within


def test_funders_amounts_are_incoming_commitments(activity):
    transactions = activity.findall("transaction")
    assert len(transactions) == 1  # the draft funder's amount is not there
    transaction = transactions[0]
    assert transaction.find("transaction-type").get("code") == "11"
    assert transaction.find("transaction-date").get("iso-date") == "2019-11-01"
    value = transaction.find("value")
    assert (value.text, value.get("currency")) == ("20000000", "EUR")
    assert transaction.find("provider-org").get("ref") == "XI-IATI-EC_INTPA"


def test_no_commitment_before_the_project_starts(client, db, assert_valid_iati):
    project = ProjectFactory(status=Project.Status.PIPELINE)
    ParticipationFactory(
        project=project, role=Participation.Role.FUNDER, amount=Decimal("10"), currency="EUR"
    )
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    assert document.find(".//transaction") is None
    assert document.find(".//participating-org").get("role") == "1"


def test_programme_and_sub_project_are_linked_and_follows_is_left_out(client, registry, assert_valid_iati):
    document = assert_valid_iati(streamed(client.get(REGISTRY_URL)))
    project = activity_of(document, identifier(registry["project"]))
    programme = activity_of(document, identifier(registry["programme"]))
    links = [(r.get("ref"), r.get("type")) for r in project.findall("related-activity")]
    assert links == [(identifier(registry["programme"]), "1")]
    assert [(r.get("ref"), r.get("type")) for r in programme.findall("related-activity")] == [
        (identifier(registry["project"]), "2")
    ]
    predecessor = activity_of(document, identifier(registry["predecessor"]))
    assert predecessor.find("related-activity") is None


def test_results_carry_indicators_with_baseline_target_and_actual(activity):
    results = activity.findall("result")
    assert [r.get("type") for r in results] == ["2", "9"]
    objective = results[0]
    assert objective.find("title/narrative").text == "Objectif spécifique 1"
    indicator = objective.find("indicator")
    assert indicator.get("measure") == "1"
    assert indicator.find("baseline").get("year") == "2024"
    assert indicator.find("baseline").get("value") == "0"
    period = indicator.find("period")
    assert period.find("period-start").get("iso-date") == "2024-01-01"
    assert period.find("target").get("value") == "120"
    assert period.find("actual").get("value") == "95"
    # Indicators of the project itself (and of a draft component) come last.
    own = results[1].findall("indicator")
    labels = [i.find("title/narrative").text for i in own]
    assert labels == ["Taux d'insertion", "Sous brouillon"]
    rate = own[0]
    assert rate.get("measure") == "2"
    assert rate.find("period/period-start").get("iso-date") == "2019-11-01"  # the project's period
    assert rate.find("period/target").get("value") == "60.5"
    assert rate.find("period/actual") is None


def test_document_links_have_format_and_category(activity):
    links = {link.get("url"): link for link in activity.findall("document-link")}
    sheet = links["https://example.org/fiche.pdf"]
    assert sheet.get("format") == "application/pdf"
    assert sheet.find("category").get("code") == "A02"
    assert sheet.find("language").get("code") == "fr"
    assert sheet.find("document-date").get("iso-date") == "2020-01-15"
    assert [n.get(LANG) for n in sheet.find("title")] == ["fr", "ar"]
    page = links["https://example.org/thamm"]
    assert (page.get("format"), page.find("category").get("code")) == ("text/html", "A12")


# Selection and streaming


def test_registry_export_takes_the_project_list_filters(client, registry):
    CountryFactory(code="EG", name_fr="Égypte")
    content = streamed(client.get(REGISTRY_URL, {"country": "TN"})).decode()
    assert content.count("<iati-activity ") == 1
    assert identifier(registry["project"]) in content
    assert client.get(REGISTRY_URL, {"country": "EG"}).status_code == 404


@pytest.mark.parametrize("query", [{"country": "ZZ"}, {"year": "abc"}, {"funder": "nobody"}, {"q": "a\x00b"}])
def test_invalid_filters_are_a_400_naming_the_parameter(client, registry, query):
    response = client.get(REGISTRY_URL, query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


def make_projects(count):
    morocco = CountryFactory()
    funder = OrganisationFactory(iati_identifier="XM-DAC-41302")
    for _ in range(count):
        project = ProjectFactory(budget=Decimal("100"), budget_currency="EUR")
        ProjectCountryFactory(project=project, country=morocco)
        ParticipationFactory(project=project, organisation=funder, amount=Decimal("100"), currency="EUR")


@pytest.mark.parametrize("count", [1, 50])
def test_registry_export_query_count_does_not_grow(client, db, count, django_assert_max_num_queries):
    make_projects(count)
    catch_up()  # as the first reader after the writes does
    # The file's queries, the projects' stamps (activities kept in the
    # cache) and the registry's revision (the name of the kept copy).
    with django_assert_max_num_queries(12):
        content = streamed(client.get(REGISTRY_URL))
    assert content.count(b"<iati-activity ") == count


def test_each_chunk_of_projects_costs_the_same_few_queries(client, db, monkeypatch):
    # Projects are read a chunk at a time: a larger registry costs more
    # chunks, each with the same queries, never a query per project.
    monkeypatch.setattr(rows, "CHUNK_SIZE", 4)
    counts = []
    for chunks in (1, 2, 3):
        make_projects(4)
        catch_up()
        cache.clear()  # every activity written, none kept
        with CaptureQueriesContext(connection) as queries:
            content = streamed(client.get(REGISTRY_URL))
        assert content.count(b"<iati-activity ") == 4 * chunks
        counts.append(len(queries))
    per_chunk = counts[1] - counts[0]
    assert counts[2] - counts[1] == per_chunk <= 7


def test_the_file_is_written_one_activity_at_a_time(client, db):
    make_projects(3)
    pieces = list(client.get(REGISTRY_URL).streaming_content)
    assert len(pieces) >= 3
    assert pieces[0].startswith(b"<?xml")
    assert pieces[-1].rstrip().endswith(b"</iati-activities>")


def test_suspended_only_countries_give_no_recipient_country(db, assert_valid_iati, client):
    project = ProjectFactory()
    ParticipationFactory(project=project)
    ProjectCountryFactory(
        project=project, country=CountryFactory(code="LY"), status=ProjectCountry.Status.SUSPENDED
    )
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    assert document.find(".//recipient-country") is None


def test_draft_organisation_is_not_named(db, client, assert_valid_iati):
    project = ProjectFactory()
    ParticipationFactory(project=project, role=Participation.Role.IMPLEMENTER)
    ParticipationFactory(
        project=project,
        organisation=OrganisationFactory(name_fr="Partenaire caché", publication=Publication.DRAFT),
    )
    content = streamed(client.get(project_url(project.slug)))
    assert_valid_iati(content)
    assert "Partenaire caché" not in content.decode()


def test_text_pasted_with_control_characters_still_makes_valid_xml(db, client, assert_valid_iati):
    project = ProjectFactory(summary_fr="Résumé\x0bcollé depuis un traitement de texte\x01")
    ParticipationFactory(project=project)
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    assert document.find(".//description/narrative").text == "Résumécollé depuis un traitement de texte"


def test_markup_characters_and_line_breaks_survive_in_text_and_attributes(db, client, assert_valid_iati):
    project = ProjectFactory(summary_fr='Emploi & formation <jeunes> "NEET"\r\nligne\ttab')
    funder = OrganisationFactory(name_fr="Fonds A&B <x>", iati_identifier='XM-A&B"<1>')
    ParticipationFactory(project=project, organisation=funder, role=Participation.Role.FUNDER)
    DocumentFactory(project=project, url='https://example.org/doc?a=1&b="2"')
    document = assert_valid_iati(streamed(client.get(project_url(project.slug))))
    summary = document.find(".//description[@type='1']/narrative").text
    assert summary == 'Emploi & formation <jeunes> "NEET"\r\nligne\ttab'
    org = document.find(".//participating-org")
    assert (org.get("ref"), org[0].text) == ('XM-A&B"<1>', "Fonds A&B <x>")
    urls = [link.get("url") for link in document.findall(".//document-link")]
    assert 'https://example.org/doc?a=1&b="2"' in urls
