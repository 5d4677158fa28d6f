"""The corrections of the seed registry (fixtures/README.md, "Corrections"),
checked on the loaded registry: each record says what its seed passage
says, and no more.

The registry is loaded once for the class and rolled back afterwards.
"""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from activities.models import Activity, Event
from core.periods import DatePrecision
from partners.models import Organisation
from projects.models import Indicator, Participation, Project, ProjectCountry


class SeedCorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_registry", stdout=StringIO())

    def test_thamm_has_no_duration_and_says_why_it_is_closed(self):
        thamm = Project.objects.get(slug="thamm")

        self.assertIsNone(thamm.duration_months)
        self.assertIn("36", thamm.period_note_fr)
        self.assertEqual(thamm.status, Project.Status.CLOSED)
        for language in ("fr", "ar", "en"):
            with self.subTest(language=language):
                self.assertIn("THAMM Plus", getattr(thamm, f"period_note_{language}"))
        for link in thamm.country_links.all():
            with self.subTest(country=link.country_id):
                self.assertEqual(link.status, ProjectCountry.Status.COMPLETED)
                self.assertTrue(all((link.note_fr, link.note_ar, link.note_en)))

    def test_thamm_states_its_aim_from_the_ilo_note(self):
        thamm = Project.objects.get(slug="thamm")

        self.assertIn("(MIMO)", thamm.objective_fr)
        self.assertIn("demandeurs d'asile", thamm.objective_fr)
        self.assertIn("migrants de retour", thamm.objective_fr)
        self.assertIn("(MIMO)", thamm.objective_ar)
        self.assertIn("asylum seekers", thamm.objective_en)

    def test_thamm_is_found_by_its_other_title(self):
        found = Project.objects.search("Vers une approche holistique de la gouvernance")

        self.assertEqual(list(found.values_list("slug", flat=True)), ["thamm"])

    def test_aics_is_not_recorded_as_amem_funder(self):
        amem = Project.objects.get(slug="amem")
        aics = amem.participations.get(organisation__slug="aics")

        self.assertFalse(amem.participations.filter(role=Participation.Role.FUNDER).exists())
        self.assertEqual(aics.role, Participation.Role.STAKEHOLDER)
        self.assertIn("23 mars 2018", aics.note_fr)

    def test_no_event_takes_a_year_the_seeds_do_not_give(self):
        self.assertFalse(Event.objects.filter(project__slug="pais").exists())
        self.assertFalse(Event.objects.filter(title_fr__icontains="comité technique").exists())
        self.assertFalse(Event.objects.filter(title_fr__icontains="restitution").exists())

    def test_amem_work_plans_of_january_2019_are_an_event(self):
        event = Event.objects.get(project__slug="amem", title_fr__startswith="Élaboration des plans")

        self.assertEqual((event.start_date.year, event.start_date.month), (2019, 1))
        self.assertEqual(event.date_precision, DatePrecision.MONTH)
        self.assertIn("gouvernance régionale et nationale", event.title_fr)

    def test_amem_activities_launched_in_2019_are_ongoing_and_dated_by_their_source(self):
        activities = Activity.objects.filter(project__slug="amem").select_related("component")
        launched = {
            activity.pk
            for activity in activities
            if activity.component.code in ("1", "3") and activity.country_id in ("MA", "TN")
        }

        self.assertEqual(len(launched), 27)
        for activity in activities:
            with self.subTest(activity=activity.pk):
                expected = Activity.Status.ONGOING if activity.pk in launched else Activity.Status.PLANNED
                self.assertEqual(activity.status, expected)
                self.assertIn("13 juin 2019", activity.description_fr)
                self.assertIn("13 يونيو 2019", activity.description_ar)
                self.assertIn("13 June 2019", activity.description_en)

    def test_texts_say_no_more_than_the_seeds(self):
        libyan_ministry = Organisation.objects.get(slug="ministere-du-travail-ly")
        committee = Participation.objects.get(
            project__slug="amem", organisation__slug="comite-national-tripartite-de-suivi"
        )
        undaf = Project.objects.get(slug="undaf-maroc")

        self.assertEqual(
            (libyan_ministry.name_fr, libyan_ministry.name_ar, libyan_ministry.name_en),
            ("Ministère du Travail", "وزارة العمل", "Ministry of Labour"),
        )
        self.assertNotIn("chaque pays", committee.note_fr)
        self.assertNotIn("Également appelé", undaf.summary_fr)
        # Under the name it has since taken; other projects may hold every word too.
        self.assertIn(undaf, Project.objects.search("Cadre de développement durable"))
        self.assertEqual(Project.objects.get(slug="wafira").title_en, "WAFIRA")

    def test_arabic_corrections(self):
        projects = {project.slug: project for project in Project.objects.all()}
        talents = projects["partenariat-pour-les-talents"]

        self.assertEqual(projects["amem"].title_ar, "دعم الهجرة العادلة في المغرب الكبير")
        self.assertNotIn("توظيف العمال المهاجرين ومشغليهم", projects["amem"].beneficiaries_ar)
        self.assertIn("في تحسيسهم وتحسيس مشغليهم", projects["amem"].beneficiaries_ar)
        self.assertIn("نظامية", projects["thamm"].summary_ar)
        self.assertNotIn("منتظمة", projects["thamm"].summary_ar)
        self.assertTrue(talents.title_ar.endswith("(الاتحاد الأوروبي-المغرب)"))
        self.assertTrue(projects["thamm-plus"].summary_ar.startswith("امتداداً لبرنامج THAMM"))
        self.assertNotIn("على أهم", Event.objects.get(pk=21).body_ar)
        self.assertIn("وفي مقدمتها", Activity.objects.get(pk=122).title_ar)
        self.assertNotIn("بمساهمة", Participation.objects.get(pk=40).note_ar)

    def test_english_corrections(self):
        titles = dict(Project.objects.values_list("slug", "title_en"))

        self.assertEqual(titles["rsa-ii"], "Making the Advanced Status a Success II (EU support programme)")
        self.assertEqual(titles["bsg"], "Support to the Gender-Responsive Budgeting Programme")
        self.assertEqual(
            Indicator.objects.get(pk=3).label_en,
            "At least 600 children aged 15 to 18 withdrawn from hazardous work",
        )
        self.assertTrue(
            Event.objects.get(pk=13).title_en.startswith("Mission initiated by the EU Delegation")
        )
        self.assertIn(
            "Ministry of Economy and Finance (MEF)", Project.objects.get(slug="paraae").stakeholders_en
        )

    def test_national_bodies_have_their_english_acronym(self):
        lacking = Organisation.objects.filter(country__isnull=False, acronym_en="").exclude(acronym_fr="")

        # MENFPESRS: no seed uses the acronym and no English one is in use.
        self.assertEqual(list(lacking.values_list("slug", flat=True)), ["menfpesrs"])
        self.assertEqual(Organisation.objects.get(slug="meas").acronym_en, "MESA")
