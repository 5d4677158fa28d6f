"""Smoke test of the seed registry: the real fixtures/ load through `load_registry`,
pass model validation, say what the seed documents say, and reload without
adding anything.

The registry is loaded once for the whole class (`setUpTestData`) and rolled
back afterwards, so the rest of the suite still starts from an empty database.
"""

from decimal import Decimal
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase

from activities.models import Activity, Event
from core.publication import Publication, PublishableModel
from partners.models import Country, Organisation
from projects.models import (
    Component,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)

# What the fixtures hold today, as floors: adding records must not break the test.
# Components: AMEM's 3 axes, THAMM's 5 specific objectives, PARAAE's 3 components.
# Activities: the 49 numbered activities per country of AMEM's validated plan.
# Events: the 8 dated items of AMEM's news timeline.
MINIMUM_COUNTS = {
    Country: 12,
    Theme: 10,
    Organisation: 83,
    Project: 15,
    ProjectCountry: 26,
    Participation: 105,
    ProjectRelation: 3,
    Indicator: 8,
    Component: 11,
    Activity: 49,
    Event: 8,
}

REGISTRY_MODELS = [*MINIMUM_COUNTS, Document]

PROJECT_SLUGS = [
    "amem",
    "thamm",
    "thamm-plus",
    "wafira",
    "partenariat-pour-les-talents",
    "padidfa",
    "paraae",
    "bsg",
    "jlmp",
    "undaf-maroc",
    "rsa-ii",
    "pais",
    "jumelage-pst",
    "programme-d-appui-a-la-politique-migratoire",
    "emploi-international-des-jeunes",
]

# slug: (funders, countries) as the seeds state them. AMEM has none: seed 001
# names AICS only as the ILO's co-signatory of a cooperation contract.
FUNDERS_AND_COUNTRIES = {
    "amem": (set(), {"LY", "MA", "MR", "TN"}),
    "thamm": ({"ue", "bmz"}, {"EG", "MA", "TN"}),
    "thamm-plus": ({"ue"}, {"MA"}),
    "wafira": ({"ue"}, {"MA", "ES"}),
    "padidfa": ({"bad"}, {"MA"}),
    "paraae": ({"bad"}, {"MA"}),
    "bsg": ({"afd"}, {"MA"}),
    "rsa-ii": ({"ue"}, {"MA"}),
    "emploi-international-des-jeunes": ({"bm"}, {"MA"}),
}

# Names a visitor reads as a heading: never empty in French or Arabic.
HEADINGS = {
    Organisation: "name",
    Project: "title",
    Component: "title",
    Activity: "title",
    Event: "title",
    Country: "name",
    Theme: "name",
}


def load_registry():
    call_command("load_registry", stdout=StringIO())


def row_counts():
    return {model.__name__: model.objects.count() for model in REGISTRY_MODELS}


def slugs(participations):
    return {participation.organisation.slug for participation in participations}


class SeedRegistryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_registry()

    def test_every_model_holds_at_least_the_seeded_rows(self):
        for model, minimum in MINIMUM_COUNTS.items():
            with self.subTest(model=model.__name__):
                self.assertGreaterEqual(model.objects.count(), minimum)

    def test_loading_twice_creates_nothing_new(self):
        before = row_counts()

        load_registry()

        self.assertEqual(row_counts(), before)

    def test_every_record_has_its_first_version_once(self):
        for model in MINIMUM_COUNTS:
            with self.subTest(model=model.__name__):
                unversioned = model.objects.exclude(pk__in=model.history.values(model._meta.pk.attname))
                self.assertFalse(unversioned.exists())
                self.assertEqual(model.history.count(), model.objects.count())
        versions = sum(model.history.count() for model in MINIMUM_COUNTS)

        load_registry()

        self.assertEqual(sum(model.history.count() for model in MINIMUM_COUNTS), versions)

    def test_every_record_passes_model_validation(self):
        errors = []
        for model in REGISTRY_MODELS:
            for record in model.objects.all():
                try:
                    record.full_clean()
                except ValidationError as error:
                    errors.append(f"{model.__name__} {record.pk} {record}: {error.message_dict}")
        self.assertEqual(errors, [])

    def test_every_publishable_record_is_published(self):
        for model in REGISTRY_MODELS:
            if issubclass(model, PublishableModel):
                with self.subTest(model=model.__name__):
                    self.assertFalse(model.objects.exclude(publication=Publication.PUBLISHED).exists())

    def test_no_heading_is_empty_in_french_or_arabic(self):
        for model, field in HEADINGS.items():
            for language in ("fr", "ar"):
                column = f"{field}_{language}"
                with self.subTest(model=model.__name__, column=column):
                    empty = model.objects.filter(**{column: ""}) | model.objects.filter(
                        **{f"{column}__isnull": True}
                    )
                    self.assertEqual(list(empty), [])

    def test_every_seeded_project_is_in_the_registry(self):
        self.assertEqual(
            set(Project.objects.filter(slug__in=PROJECT_SLUGS).values_list("slug", flat=True)),
            set(PROJECT_SLUGS),
        )

    def test_iati_keys_are_the_upper_cased_slugs(self):
        for project in Project.objects.all():
            with self.subTest(project=project.slug):
                self.assertEqual(project.iati_key, project.slug.upper())

    def test_projects_have_their_funders_and_countries(self):
        for slug, (funders, countries) in FUNDERS_AND_COUNTRIES.items():
            project = Project.objects.get(slug=slug)
            with self.subTest(project=slug):
                self.assertEqual(
                    slugs(project.participations.filter(role=Participation.Role.FUNDER)), funders
                )
                self.assertEqual(set(project.country_links.values_list("country", flat=True)), countries)

    def test_libya_is_suspended_in_amem_with_its_reason(self):
        links = {link.country_id: link for link in Project.objects.get(slug="amem").country_links.all()}

        self.assertEqual(links["LY"].status, ProjectCountry.Status.SUSPENDED)
        self.assertTrue(all((links["LY"].note_fr, links["LY"].note_ar, links["LY"].note_en)))
        for code in ("MA", "MR", "TN"):
            self.assertEqual(links[code].status, ProjectCountry.Status.ACTIVE)

    def test_amem_partners_are_listed_by_country(self):
        amem = Project.objects.get(slug="amem")
        partners = amem.participations.filter(role=Participation.Role.INSTITUTIONAL_PARTNER)
        social_partners = amem.participations.filter(role=Participation.Role.SOCIAL_PARTNER)

        self.assertEqual(slugs(partners.filter(country="LY")), {"ministere-du-travail-ly"})
        self.assertLessEqual({"mtip", "anapec", "mcmream", "hcp"}, slugs(partners.filter(country="MA")))
        self.assertLessEqual({"bemoe", "onm", "ins", "aneti"}, slugs(partners.filter(country="TN")))
        self.assertLessEqual({"mfptema", "ons"}, slugs(partners.filter(country="MR")))
        self.assertLessEqual({"umt", "cgem", "ugtt", "utica", "unpm"}, slugs(social_partners))
        self.assertFalse(partners.filter(country__isnull=True).exists())
        self.assertEqual(slugs(amem.participations.filter(is_lead=True)), {"oit"})

    def test_thamm_budget_agencies_and_period_nuance(self):
        thamm = Project.objects.get(slug="thamm")

        self.assertEqual((thamm.budget, thamm.budget_currency), (Decimal("25000000"), "EUR"))
        self.assertEqual(
            slugs(thamm.participations.filter(role=Participation.Role.IMPLEMENTER)),
            {"oim", "oit", "giz", "enabel"},
        )
        self.assertIn("Enabel", thamm.period_note_fr)
        self.assertEqual((thamm.start_date.year, thamm.end_date.year), (2019, 2023))

    def test_wafira_is_coordinated_by_the_ilo_and_reports_its_results(self):
        wafira = Project.objects.get(slug="wafira")

        self.assertEqual(slugs(wafira.participations.filter(role=Participation.Role.COORDINATOR)), {"oit"})
        self.assertEqual(
            sorted(wafira.indicators.values_list("actual", flat=True)), [Decimal("173"), Decimal("250")]
        )

    def test_child_labour_targets_sit_under_rsa_ii(self):
        targets = Project.objects.get(slug="rsa-ii").indicators.values_list("target", flat=True)

        self.assertEqual(sorted(targets), [Decimal("90"), Decimal("600"), Decimal("600"), Decimal("1000")])

    def test_related_projects(self):
        self.assertTrue(
            ProjectRelation.objects.filter(
                project__slug="thamm-plus", kind=ProjectRelation.Kind.FOLLOWS, related__slug="thamm"
            ).exists()
        )
        self.assertEqual(
            set(
                ProjectRelation.objects.filter(
                    kind=ProjectRelation.Kind.PART_OF, related__slug="rsa-ii"
                ).values_list("project__slug", flat=True)
            ),
            {"pais", "jumelage-pst"},
        )

    def test_organisations_merge_their_aliases(self):
        oit = Organisation.objects.get(slug="oit")

        self.assertEqual((oit.acronym_fr, oit.acronym_en), ("OIT", "ILO"))
        self.assertIn("BIT", oit.aliases.splitlines())
        self.assertEqual(oit.iati_identifier, "XM-DAC-41302")
        self.assertEqual(Organisation.objects.get(slug="bemoe").parent.slug, "mfpe")
        self.assertEqual(Organisation.objects.get(slug="mtip").name_ar, "وزارة الشغل والإدماج المهني")

    def test_every_theme_is_used_by_a_project(self):
        self.assertFalse(Theme.objects.filter(projects__isnull=True).exists())

    def test_every_activity_country_belongs_to_its_project(self):
        stray = [
            activity
            for activity in Activity.objects.filter(country__isnull=False).select_related("project")
            if not ProjectCountry.objects.filter(
                project=activity.project_id, country=activity.country_id
            ).exists()
        ]
        self.assertEqual(stray, [])

    def test_activity_and_event_organisations_are_registry_organisations(self):
        known = set(Organisation.objects.values_list("pk", flat=True))
        for through in (Activity.partners.through, Event.organisations.through, Component.managers.through):
            with self.subTest(relation=through.__name__):
                used = set(through.objects.values_list("organisation_id", flat=True))
                self.assertLessEqual(used, known)
        self.assertTrue(Activity.partners.through.objects.exists())
