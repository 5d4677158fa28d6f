"""Generate a large, realistic registry for measuring the portal at scale.

    manage.py generate_registry --projects 10000 --seed 42

Names and texts are built from aligned French / Arabic / English word lists,
so every record reads naturally in the three languages. Distributions follow
what the real registry looks like, only bigger: a few funders carry most
projects (Zipf-like), countries lean to Morocco, Tunisia, Mauritania and
Egypt, most records are published and a small share are drafts.

Rows are written with `bulk_create` in batches, with the folded search column
computed in Python (`SearchableModel.build_search_text`) since bulk inserts
skip `save()`. The same `--seed` gives the same registry. The first project
always has 200 activities (or all of them, at a tiny scale) so that a
benchmark can measure the heaviest project sheet.
"""

import datetime
import math
import random
import re
import sys
import time
from decimal import Decimal

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.text import slugify

from activities.models import Activity, Event
from core.models import RegistryRevision
from core.money import Currency
from core.periods import DatePrecision
from core.publication import Publication
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

PUBLISHED, DRAFT = Publication.PUBLISHED, Publication.DRAFT
HEAVY_PROJECT_ACTIVITIES = 200
# A fixed "today" keeps the statuses reproducible from the seed alone.
TODAY = datetime.date(2025, 6, 30)


def table(text: str) -> list[tuple[str, ...]]:
    """Rows of a ` | `-separated table, one per line: French | Arabic | English | ..."""
    return [tuple(cell.strip() for cell in line.split(" | ")) for line in text.strip().splitlines()]


# code | French | Arabic | English | weight as a project country
COUNTRIES = [
    (code, fr, ar, en, int(weight))
    for code, fr, ar, en, weight in table("""
MA | Maroc | المغرب | Morocco | 40
TN | Tunisie | تونس | Tunisia | 14
MR | Mauritanie | موريتانيا | Mauritania | 11
EG | Égypte | مصر | Egypt | 11
LY | Libye | ليبيا | Libya | 4
SN | Sénégal | السنغال | Senegal | 3
DZ | Algérie | الجزائر | Algeria | 2
JO | Jordanie | الأردن | Jordan | 2
DE | Allemagne | ألمانيا | Germany | 1
BE | Belgique | بلجيكا | Belgium | 1
ES | Espagne | إسبانيا | Spain | 2
FR | France | فرنسا | France | 2
IT | Italie | إيطاليا | Italy | 1
SE | Suède | السويد | Sweden | 0
PT | Portugal | البرتغال | Portugal | 0
CH | Suisse | سويسرا | Switzerland | 0
NL | Pays-Bas | هولندا | Netherlands | 0
GB | Royaume-Uni | المملكة المتحدة | United Kingdom | 0
US | États-Unis | الولايات المتحدة | United States | 0
JP | Japon | اليابان | Japan | 0
KR | Corée du Sud | كوريا الجنوبية | South Korea | 0
SA | Arabie saoudite | المملكة العربية السعودية | Saudi Arabia | 0
AE | Émirats arabes unis | الإمارات العربية المتحدة | United Arab Emirates | 0
QA | Qatar | قطر | Qatar | 0
""")
]
# country | French | Arabic | English
CITIES: dict[str, list[tuple[str, ...]]] = {}
for code, *names in table("""
MA | Rabat | الرباط | Rabat
MA | Casablanca | الدار البيضاء | Casablanca
MA | Tanger | طنجة | Tangier
MA | Agadir | أكادير | Agadir
MA | Oujda | وجدة | Oujda
MA | Béni Mellal | بني ملال | Beni Mellal
MA | Marrakech | مراكش | Marrakesh
TN | Tunis | تونس | Tunis
TN | Sfax | صفاقس | Sfax
TN | Sousse | سوسة | Sousse
MR | Nouakchott | نواكشوط | Nouakchott
MR | Nouadhibou | نواذيبو | Nouadhibou
EG | Le Caire | القاهرة | Cairo
EG | Alexandrie | الإسكندرية | Alexandria
LY | Tripoli | طرابلس | Tripoli
"""):
    CITIES.setdefault(code, []).append(tuple(names))
# slug | French | Arabic | English | DAC code
THEMES = table("""
labour-migration | Migration de travail | هجرة اليد العاملة | Labour migration | 15190
child-labour | Travail des enfants | تشغيل الأطفال | Child labour | 16020
employment | Emploi | التشغيل | Employment | 16020
social-protection | Protection sociale | الحماية الاجتماعية | Social protection | 16010
occupational-safety-and-health | Santé et sécurité au travail | الصحة والسلامة في العمل | Occupational safety and health | 16020
gender-budgeting | Budgétisation sensible au genre | الميزانية المستجيبة للنوع الاجتماعي | Gender budgeting | 15170
agricultural-value-chains | Chaînes de valeur agricoles | سلاسل القيمة الفلاحية | Agricultural value chains | 31120
skills-recognition | Reconnaissance des compétences | الاعتراف بالكفاءات | Skills recognition | 11330
social-dialogue | Dialogue social | الحوار الاجتماعي | Social dialogue | 16020
labour-statistics | Statistiques du travail | إحصاءات الشغل | Labour statistics | 16062
""")  # noqa: E501

# Aligned word lists: French | Arabic | English, so that titles translate.
ACTIONS = table("""
Programme d'appui à | برنامج دعم | Support programme for
Projet de renforcement de | مشروع تعزيز | Project strengthening
Initiative pour | مبادرة من أجل | Initiative for
Programme de promotion de | برنامج النهوض ب | Programme promoting
Partenariat pour | شراكة من أجل | Partnership for
Projet d'amélioration de | مشروع تحسين | Project improving
Mécanisme de soutien à | آلية دعم | Support facility for
Programme régional pour | البرنامج الجهوي من أجل | Regional programme for
""")
# French | Arabic | English | index of the matching theme in THEMES
SUBJECTS = [
    (fr, ar, en, int(theme))
    for fr, ar, en, theme in table("""
la migration équitable | الهجرة العادلة | fair migration | 0
la mobilité des talents | تنقل الكفاءات | talent mobility | 0
l'élimination du travail des enfants | القضاء على تشغيل الأطفال | the elimination of child labour | 1
l'emploi des jeunes | تشغيل الشباب | youth employment | 2
l'insertion professionnelle des femmes | الإدماج المهني للنساء | women's employment | 2
la protection sociale | الحماية الاجتماعية | social protection | 3
la santé et la sécurité au travail | الصحة والسلامة في العمل | safety and health at work | 4
la budgétisation sensible au genre | الميزانية المستجيبة للنوع | gender-responsive budgeting | 5
les chaînes de valeur agricoles | سلاسل القيمة الفلاحية | agricultural value chains | 6
la reconnaissance des compétences | الاعتراف بالكفاءات | skills recognition | 7
le dialogue social | الحوار الاجتماعي | social dialogue | 8
les statistiques du travail | إحصاءات الشغل | labour statistics | 9
l'inspection du travail | مفتشية الشغل | labour inspection | 4
la formation professionnelle | التكوين المهني | vocational training | 7
l'économie sociale et solidaire | الاقتصاد الاجتماعي والتضامني | the social economy | 2
le travail décent | العمل اللائق | decent work | 2
""")
]
PLACES = table("""
au Maroc | في المغرب | in Morocco
en Afrique du Nord | في شمال إفريقيا | in North Africa
au Maghreb | في المغرب الكبير | in the Maghreb
dans les régions rurales | في المناطق القروية | in rural areas
pour les travailleurs migrants | لفائدة العمال المهاجرين | for migrant workers
dans le secteur agricole | في القطاع الفلاحي | in agriculture
dans le secteur informel | في القطاع غير المهيكل | in the informal economy
pour les jeunes diplômés | لفائدة الشباب حاملي الشهادات | for young graduates
""")
# Most projects have a single phase.
PHASES = [("", "", "")] * 3 + table("""
 – phase II |  – المرحلة الثانية |  – phase II
 – phase III |  – المرحلة الثالثة |  – phase III
""")
PHASES = [tuple(f" {cell}" if cell else "" for cell in phase) for phase in PHASES]
SUMMARIES = table("""
Le projet vise à renforcer {s} {p}. | يهدف المشروع إلى تعزيز {s} {p}. | The project aims to strengthen {s} {p}.
Il appuie les institutions nationales sur {s}. | يدعم المؤسسات الوطنية في مجال {s}. | It supports national institutions on {s}.
Les partenaires sociaux sont associés à chaque étape. | يتم إشراك الشركاء الاجتماعيين في كل مرحلة. | Social partners take part at every stage.
""")  # noqa: E501
OBJECTIVES = table("""
Contribuer à {s} {p}. | المساهمة في {s} {p}. | Contribute to {s} {p}.
Améliorer la gouvernance de {s}. | تحسين حكامة {s}. | Improve the governance of {s}.
""")
BENEFICIARIES = table("""
Jeunes, femmes et travailleurs migrants. | الشباب والنساء والعمال المهاجرون. | Young people, women and migrant workers.
Administrations du travail et partenaires sociaux. | إدارات الشغل والشركاء الاجتماعيون. | Labour administrations and social partners.
Enfants au travail et leurs familles. | الأطفال العاملون وأسرهم. | Working children and their families.
""")  # noqa: E501
COMPONENT_KINDS = [Component.Kind.AXIS, Component.Kind.SPECIFIC_OBJECTIVE, Component.Kind.COMPONENT]
COMPONENT_TITLES = table("""
Renforcement des capacités institutionnelles | تعزيز القدرات المؤسساتية | Institutional capacity building
Production de connaissances et d'études | إنتاج المعارف والدراسات | Knowledge and studies
Sensibilisation et communication | التحسيس والتواصل | Awareness and communication
Appui au cadre juridique | دعم الإطار القانوني | Support to the legal framework
Services aux bénéficiaires | خدمات لفائدة المستفيدين | Services to beneficiaries
Coordination et suivi-évaluation | التنسيق والتتبع والتقييم | Coordination, monitoring and evaluation
Coopération régionale | التعاون الجهوي | Regional cooperation
""")
# kind | French | Arabic | English; {s} is the project's subject.
ACTIVITY_TEMPLATES = table("""
study | Réaliser une étude sur {s} | إنجاز دراسة حول {s} | Carry out a study on {s}
survey | Conduire une enquête nationale sur {s} | إجراء بحث وطني حول {s} | Run a national survey on {s}
workshop | Organiser un atelier sur {s} | تنظيم ورشة حول {s} | Hold a workshop on {s}
training | Former les inspecteurs du travail à {s} | تكوين مفتشي الشغل في {s} | Train labour inspectors in {s}
seminar | Tenir un séminaire régional sur {s} | عقد ندوة جهوية حول {s} | Hold a regional seminar on {s}
meeting | Réunion technique du comité sur {s} | اجتماع تقني للجنة حول {s} | Technical committee meeting on {s}
publication | Élaborer un guide pratique sur {s} | إعداد دليل عملي حول {s} | Write a practical guide on {s}
support | Appuyer l'observatoire national de {s} | دعم المرصد الوطني ل{s} | Support the national observatory of {s}
communication | Lancer une campagne de sensibilisation sur {s} | إطلاق حملة تحسيسية حول {s} | Launch an awareness campaign on {s}
ratification | Accompagner la ratification d'une convention sur {s} | مواكبة المصادقة على اتفاقية حول {s} | Support the ratification of a convention on {s}
""")  # noqa: E501
# kind | French | Arabic | English; {a} is the project's (or host's) acronym.
EVENT_TEMPLATES = table("""
signature | Signature de la convention {a} | توقيع اتفاقية {a} | Signing of the {a} agreement
launch | Lancement officiel du projet {a} | الإطلاق الرسمي لمشروع {a} | Official launch of {a}
workshop | Atelier de programmation {a} | ورشة برمجة {a} | {a} planning workshop
committee | Comité de pilotage {a} | لجنة قيادة {a} | {a} steering committee
mission | Mission d'évaluation {a} | مهمة تقييم {a} | {a} evaluation mission
round_table | Table ronde {a} | مائدة مستديرة {a} | {a} round table
study_visit | Voyage d'études {a} | زيارة دراسية {a} | {a} study visit
""")
# label (fr | ar | en) | unit (fr | ar | en)
INDICATORS = table("""
Nombre de jeunes formés | عدد الشباب المكونين | Young people trained | personnes | أشخاص | people
Enfants retirés du travail | الأطفال المسحوبون من العمل | Children withdrawn from work | enfants | أطفال | children
Inspecteurs formés | المفتشون المكونون | Inspectors trained | personnes | أشخاص | people
Études publiées | الدراسات المنشورة | Studies published | études | دراسات | studies
Travailleurs migrants accompagnés | العمال المهاجرون المواكبون | Migrant workers supported | personnes | أشخاص | people
""")  # noqa: E501
# Organisations: kind | French | Arabic | English, {d} a domain (a subject), {c} a country.
FUNDER_KINDS = table("""
bilateral_agency | Agence de coopération – {c} | وكالة التعاون – {c} | {c} Cooperation Agency
development_bank | Banque de développement – {c} | بنك التنمية – {c} | {c} Development Bank
un_agency | Fonds des Nations unies pour {d} | صندوق الأمم المتحدة ل{d} | United Nations Fund for {d}
international | Organisation internationale pour {d} | المنظمة الدولية ل{d} | International Organisation for {d}
intergovernmental | Facilité intergouvernementale pour {d} | الآلية الحكومية الدولية ل{d} | Intergovernmental Facility for {d}
""")  # noqa: E501
# kind | French | Arabic | English | weight
NATIONAL_KINDS = [
    (kind, fr, ar, en, int(weight))
    for kind, fr, ar, en, weight in table("""
ministry | Ministère de {d} | وزارة {d} | Ministry of {d} | 2
public_agency | Agence nationale pour {d} | الوكالة الوطنية ل{d} | National Agency for {d} | 4
statistics_office | Observatoire national de {d} | المرصد الوطني ل{d} | National Observatory of {d} | 1
social_security | Caisse de sécurité sociale pour {d} | صندوق الضمان الاجتماعي ل{d} | Social Security Fund for {d} | 1
trade_union | Union des travailleurs pour {d} | اتحاد العمال من أجل {d} | Workers' Union for {d} | 2
employers | Fédération des employeurs pour {d} | جامعة المشغلين من أجل {d} | Employers' Federation for {d} | 2
civil_society | Association pour {d} | جمعية من أجل {d} | Association for {d} | 6
private_company | Cabinet conseil en {d} | مكتب الاستشارة في {d} | Consultancy in {d} | 2
""")  # noqa: E501
]
IMPLEMENTER_KINDS = {Organisation.Kind.PUBLIC_AGENCY.value, Organisation.Kind.MINISTRY.value}
STATUS_WEIGHTS = [
    (Activity.Status.COMPLETED, 45),
    (Activity.Status.ONGOING, 30),
    (Activity.Status.PLANNED, 18),
    (Activity.Status.SUSPENDED, 4),
    (Activity.Status.CANCELLED, 3),
]
CURRENCIES = [(Currency.EUR, 60), (Currency.USD, 25), (Currency.MAD, 15)]


# French contractions and the Arabic article after the preposition لـ, which
# the word lists cannot know in advance ("à le travail" -> "au travail").
CONTRACTIONS = [
    (re.compile(r"\bà le "), "au "),
    (re.compile(r"\bà les "), "aux "),
    (re.compile(r"\bde le "), "du "),
    (re.compile(r"\bde les "), "des "),
    (re.compile(r"(?<!\S)لال"), "لل"),
    (re.compile(r"(?<!\S)ب (?=ال)"), "ب"),
]


def contract(text: str) -> str:
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def initials(text: str) -> str:
    letters = [word[0] for word in slugify(text).split("-") if len(word) > 3]
    return "".join(letters).upper()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


class Progress:
    """Plain progress lines on stderr, at most one per second and per stage."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0
        self.last_line = None

    def __call__(self, stage: str, done: int, total: int, *, final: bool = False):
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 1) or self.last_line == (stage, done):
            return
        self.last, self.last_line = now, (stage, done)
        percent = 100 * done / total if total else 100
        sys.stderr.write(f"  {stage:<14} {done:>8}/{total:<8} {percent:5.1f}%  {now - self.started:6.1f}s\n")


class Command(BaseCommand):
    help = "Generate a large, realistic registry (fr/ar/en) for benchmarks and load tests."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=10_000)
        parser.add_argument("--activities", type=int, default=200_000)
        parser.add_argument("--organisations", type=int, default=5_000)
        parser.add_argument("--events", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=2_000)
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--force",
            action="store_true",
            help="Delete every project, organisation, activity and event first (countries and themes stay).",
        )
        mode.add_argument("--append", action="store_true", help="Add to the registry already there.")

    def handle(self, *args, **options):
        if options["projects"] < 1 or options["organisations"] < 10:
            raise CommandError("Generate at least 1 project and 10 organisations.")
        if Project.objects.exists() and not (options["force"] or options["append"]):
            raise CommandError(
                "The database already holds projects: use --force to replace them or --append to add."
            )
        started = time.monotonic()
        generator = RegistryGenerator(
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress=Progress(options["verbosity"] >= 1),
        )
        with transaction.atomic():
            if options["force"]:
                delete_registry()
            counts = generator.run(
                projects=options["projects"],
                activities=options["activities"],
                organisations=options["organisations"],
                events=options["events"],
            )
            # Rows written in bulk send no signal: pages kept in the cache go stale now.
            RegistryRevision.bump()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses on 200,000 unknown rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {time.monotonic() - started:.0f} s."))


def delete_registry():
    """Empty every registry table except countries and themes (history stays)."""
    keep = {Country, Theme}
    tables = []
    for label in ("activities", "projects", "partners"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model in keep or model.__name__.startswith("Historical"):
                continue
            tables.append(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks still pending in this transaction
            # (rows written just before) would make TRUNCATE refuse.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(t) for t in tables)} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


class RegistryGenerator:
    def __init__(self, *, seed: int, batch_size: int, progress: Progress):
        self.random = random.Random(seed)
        self.batch_size = batch_size
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}

    # -- helpers ---------------------------------------------------------------

    def publication(self, draft_share: float) -> str:
        return DRAFT if self.random.random() < draft_share else PUBLISHED

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.random.choices(values, weights)[0]

    def create(self, model, rows, stage: str, *, total: int | None = None):
        """bulk_create `rows` in batches (their pks are set), with progress
        counted from what this stage already wrote out of `total`."""
        done = self.counts.get(stage, 0)
        total = total or done + len(rows)
        for start in range(0, len(rows), self.batch_size):
            model.objects.bulk_create(rows[start : start + self.batch_size])
            self.progress(stage, done + min(start + self.batch_size, len(rows)), total)
        self.counts[stage] = done + len(rows)
        self.progress(stage, self.counts[stage], total, final=True)
        return rows

    def link(self, through, rows, stage: str):
        for start in range(0, len(rows), self.batch_size * 5):
            through.objects.bulk_create(rows[start : start + self.batch_size * 5])
        self.counts[stage] = self.counts.get(stage, 0) + len(rows)

    @staticmethod
    def searchable(rows):
        for row in rows:
            row.search_text = row.build_search_text()
        return rows

    def unique(self, base: str, taken: set[str]) -> str:
        """`base`, or `base-2`, `base-3`... whichever slug is still free."""
        candidate, number = base, self.suffixes.get(base, 1)
        while slugify(candidate) in taken:
            number += 1
            candidate = f"{base}-{number}"
        self.suffixes[base] = number
        taken.add(slugify(candidate))
        return candidate

    def period(self):
        start = datetime.date(2006, 1, 1) + datetime.timedelta(days=self.random.randrange(0, 20 * 365))
        months = self.random.choice([12, 18, 24, 30, 36, 36, 42, 48, 48, 60, 72])
        precision = self.weighted(
            [(DatePrecision.DAY, 70), (DatePrecision.MONTH, 22), (DatePrecision.YEAR, 8)]
        )
        if precision == DatePrecision.YEAR:
            start = datetime.date(start.year, 1, 1)
            end = datetime.date(start.year + max(1, months // 12) - 1, 12, 31)
        elif precision == DatePrecision.MONTH:
            start = start.replace(day=1)
            end = add_months(start, months)
        else:
            end = start + datetime.timedelta(days=months * 30)
        return start, end, precision

    def status_for(self, start, end):
        if self.random.random() < 0.03:
            return Project.Status.SUSPENDED
        if self.random.random() < 0.03:
            return Project.Status.CANCELLED
        if start > TODAY:
            return Project.Status.PIPELINE
        if end < TODAY - datetime.timedelta(days=180):
            return Project.Status.CLOSED
        if end < TODAY:
            return Project.Status.FINALISATION
        return Project.Status.IMPLEMENTATION

    def amount(self, scale: float):
        return Decimal(round(self.random.lognormvariate(math.log(scale), 1.0), -3)).quantize(Decimal("1.00"))

    def date_within(self, start, end):
        span = max((end - start).days, 0)
        return start + datetime.timedelta(days=self.random.randint(0, span))

    # -- stages ----------------------------------------------------------------

    def run(self, *, projects: int, activities: int, organisations: int, events: int) -> dict[str, int]:
        self.countries = self.reference_countries()
        self.themes = self.reference_themes()
        self.make_organisations(organisations)
        project_rows = []
        for start in range(0, projects, self.batch_size):
            project_rows += self.make_projects(start, min(self.batch_size, projects - start), projects)
        self.make_activities(project_rows, activities)
        self.make_relations(project_rows)
        self.make_events(project_rows, events)
        return self.counts

    def reference_countries(self) -> dict[str, Country]:
        existing = {country.code: country for country in Country.objects.all()}
        missing = [
            Country(code=code, name=fr, name_fr=fr, name_ar=ar, name_en=en)
            for code, fr, ar, en, _weight in COUNTRIES
            if code not in existing
        ]
        Country.objects.bulk_create(missing)
        existing.update({country.code: country for country in missing})
        self.country_weights = [(code, weight) for code, *_names, weight in COUNTRIES if weight]
        return existing

    def reference_themes(self) -> list[Theme]:
        themes = []
        for order, (slug, fr, ar, en, dac) in enumerate(THEMES):
            theme, _created = Theme.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": fr,
                    "name_fr": fr,
                    "name_ar": ar,
                    "name_en": en,
                    "dac_code": dac,
                    "order": order,
                },
            )
            themes.append(theme)
        return themes

    def make_organisations(self, count: int):
        rng = self.random
        taken = set(Organisation.objects.values_list("slug", flat=True))
        # The first ones are funders, ranked: a Zipf law then gives the first
        # thousands of projects and the hundredth a handful.
        funders = max(3, count // 50)
        implementers = funders + max(3, count // 10)
        rows = []
        foreign = [code for code, *_rest, weight in COUNTRIES if not weight] + ["DE", "BE", "ES", "FR", "IT"]
        for index in range(count):
            subject = rng.choice(SUBJECTS)
            if index < funders:
                kind, fr, ar, en = rng.choice(FUNDER_KINDS)
                country = self.countries[rng.choice(foreign)]
                if kind not in (Organisation.Kind.BILATERAL_AGENCY, Organisation.Kind.DEVELOPMENT_BANK):
                    country = None
                publication = PUBLISHED
            else:
                pool = (
                    NATIONAL_KINDS
                    if index >= implementers
                    else [k for k in NATIONAL_KINDS if k[0] in IMPLEMENTER_KINDS]
                )
                kind, fr, ar, en, _weight = self.weighted([(k, k[-1]) for k in pool])
                country = self.countries[self.weighted(self.country_weights)]
                publication = self.publication(0.02)
            names = {}
            for lang, pattern, position in (("fr", fr, 1), ("ar", ar, 2), ("en", en, 3)):
                country_name = {"fr": "", "ar": "", "en": ""}
                if country is not None:
                    country_name = {"fr": country.name_fr, "ar": country.name_ar, "en": country.name_en}
                names[lang] = contract(pattern.format(d=subject[position - 1], c=country_name[lang]).strip())
                if index >= funders and country.code != "MA":
                    names[lang] += f" ({country_name[lang]})"
            acronym_fr = self.unique(initials(names["fr"]) or "ORG", taken)
            acronym_en = initials(names["en"])
            rows.append(
                Organisation(
                    name=names["fr"],
                    name_fr=names["fr"],
                    name_ar=names["ar"],
                    name_en=names["en"],
                    acronym=acronym_fr,
                    acronym_fr=acronym_fr,
                    acronym_en=acronym_en,
                    slug=slugify(acronym_fr),
                    kind=kind,
                    country=country,
                    website=f"https://www.{slugify(acronym_fr)}.example.org/",
                    description_fr=contract(f"{names['fr']} : acteur de {subject[0]}."),
                    description_ar=f"{names['ar']}: فاعل في مجال {subject[1]}.",
                    description_en=f"{names['en']}: working on {subject[2]}.",
                    publication=publication,
                )
            )
        self.create(Organisation, self.searchable(rows), "organisations")
        self.funders = rows[:funders]
        self.funder_weights = zipf_weights(len(self.funders), 1.07)
        self.implementers = rows[funders:implementers]
        self.implementer_weights = zipf_weights(len(self.implementers), 0.8)
        self.national = {}
        for row in rows[implementers:] or rows[funders:]:
            self.national.setdefault(row.country_id, []).append(row)
        self.all_national = rows[funders:]

    def make_projects(self, offset: int, count: int, total: int) -> list[dict]:
        rng = self.random
        if offset == 0:
            # A new slug must not collide with a slug or (upper-cased) IATI key.
            existing = Project.objects.values_list("slug", "iati_key")
            self.project_slugs = {slug for pair in existing for slug in (pair[0], slugify(pair[1]))}
        projects, plans = [], []
        for _index in range(count):
            action, subject, place, phase = (
                rng.choice(ACTIONS),
                rng.choice(SUBJECTS),
                rng.choice(PLACES),
                rng.choice(PHASES),
            )
            start, end, precision = self.period()
            acronym = self.unique(initials(f"{action[0]} {subject[0]}")[:5] or "PRJ", self.project_slugs)
            texts = {}
            for position, lang in enumerate(("fr", "ar", "en")):
                words = {"s": subject[position], "p": place[position]}
                texts[f"title_{lang}"] = contract(
                    f"{action[position]} {subject[position]} {place[position]}{phase[position]}"
                )
                texts[f"summary_{lang}"] = contract(
                    " ".join(line[position].format(**words) for line in SUMMARIES)
                )
                texts[f"objective_{lang}"] = contract(rng.choice(OBJECTIVES)[position].format(**words))
                texts[f"beneficiaries_{lang}"] = rng.choice(BENEFICIARIES)[position]
            has_budget = rng.random() < 0.9
            slug = slugify(acronym)
            projects.append(
                Project(
                    acronym=acronym,
                    slug=slug,
                    iati_key=slug.upper(),
                    title=texts["title_fr"],
                    **texts,
                    status=self.status_for(start, end),
                    start_date=start,
                    start_precision=precision,
                    end_date=end,
                    end_precision=precision,
                    duration_months=round((end - start).days / 30.4) if rng.random() < 0.5 else None,
                    budget=self.amount(2_500_000) if has_budget else None,
                    budget_currency=self.weighted(CURRENCIES) if has_budget else "",
                    source_url=f"https://cooperation.example.ma/projets/{slug}/",
                    publication=PUBLISHED if offset == 0 and not projects else self.publication(0.03),
                )
            )
            plans.append({"subject": subject, "theme": subject[3]})
        self.create(Project, self.searchable(projects), "projects", total=total)

        country_links, participations, themes, components, indicators, documents = [], [], [], [], [], []
        for project, plan in zip(projects, plans, strict=True):
            codes = {"MA"} if rng.random() < 0.55 else set()
            while len(codes) < rng.choice([1, 1, 2, 2, 3, 4]):
                codes.add(self.weighted(self.country_weights))
            codes = sorted(codes, key=lambda code: (code != "MA", code))
            plan["countries"] = codes
            for order, code in enumerate(codes):
                suspended = code == "LY" and rng.random() < 0.5
                country_links.append(
                    ProjectCountry(
                        project=project,
                        country_id=code,
                        order=order,
                        status=ProjectCountry.Status.SUSPENDED if suspended else ProjectCountry.Status.ACTIVE,
                        note_fr="Suspendu pour des raisons de sécurité." if suspended else "",
                        note_ar="معلق لأسباب أمنية." if suspended else "",
                        note_en="Suspended for security reasons." if suspended else "",
                    )
                )
            taking_part = self.participations_for(project, codes)
            plan["funders"] = [
                row.organisation for row in taking_part if row.role == Participation.Role.FUNDER
            ]
            participations += taking_part
            theme_ids = {self.themes[plan["theme"]].pk} | {
                rng.choice(self.themes).pk for _ in range(rng.randint(0, 2))
            }
            themes += [Project.themes.through(project=project, theme_id=pk) for pk in sorted(theme_ids)]
            kind = rng.choice(COMPONENT_KINDS)
            plan["components"] = []
            for order in range(rng.randint(2, 5)):
                code = f"OS {order + 1}" if kind == Component.Kind.SPECIFIC_OBJECTIVE else str(order + 1)
                title = rng.choice(COMPONENT_TITLES)
                component = Component(
                    project=project,
                    kind=kind,
                    code=code,
                    title=title[0],
                    title_fr=title[0],
                    title_ar=title[1],
                    title_en=title[2],
                    description_fr=f"{title[0]} pour {plan['subject'][0]}.",
                    description_ar=f"{title[1]} من أجل {plan['subject'][1]}.",
                    description_en=f"{title[2]} for {plan['subject'][2]}.",
                    order=order,
                    publication=PUBLISHED
                    if offset == 0 and project is projects[0]
                    else self.publication(0.02),
                )
                components.append(component)
                plan["components"].append(component)
            for order in range(rng.choice([0, 1, 2, 2, 3, 4])):
                label = rng.choice(INDICATORS)
                target = Decimal(rng.choice([50, 100, 250, 500, 1000, 5000]))
                indicators.append(
                    Indicator(
                        project=project,
                        component=rng.choice(plan["components"]) if rng.random() < 0.5 else None,
                        label=label[0],
                        label_fr=label[0],
                        label_ar=label[1],
                        label_en=label[2],
                        unit_fr=label[3],
                        unit_ar=label[4],
                        unit_en=label[5],
                        baseline=Decimal(0),
                        target=target,
                        actual=(target * Decimal(rng.randint(0, 120)) / 100).quantize(Decimal("1")),
                        period_start=project.start_date,
                        period_end=project.end_date,
                        order=order,
                        publication=self.publication(0.02),
                    )
                )
            for _number in range(rng.choice([0, 1, 1, 2])):
                documents.append(
                    Document(
                        project=project,
                        title=f"Fiche du projet {project.acronym}",
                        title_fr=f"Fiche du projet {project.acronym}",
                        title_ar=f"بطاقة مشروع {project.acronym}",
                        title_en=f"{project.acronym} project sheet",
                        kind=Document.Kind.PROJECT_SHEET,
                        url=f"https://cooperation.example.ma/documents/{project.slug}.pdf",
                        language=rng.choice(Document.Language.values),
                        date=project.start_date,
                        publication=self.publication(0.02),
                    )
                )
        self.create(ProjectCountry, country_links, "project countries")
        self.create(Participation, participations, "participations")
        self.link(Project.themes.through, themes, "project themes")
        self.create(Component, components, "components")
        self.create(Indicator, indicators, "indicators")
        self.create(Document, documents, "documents")
        managers = [
            Component.managers.through(component=component, organisation=self.rng_implementer())
            for component in components
            if rng.random() < 0.3
        ]
        self.link(Component.managers.through, managers, "component managers")
        return [
            {
                "pk": project.pk,
                "acronym": project.acronym,
                "start": project.start_date,
                "end": project.end_date,
                "countries": plan["countries"],
                "components": [(component.pk, component.code) for component in plan["components"]],
                "subject": plan["subject"],
                "funders": plan["funders"],
            }
            for project, plan in zip(projects, plans, strict=True)
        ]

    def rng_implementer(self):
        return self.random.choices(self.implementers, self.implementer_weights)[0]

    def participations_for(self, project, codes):
        rng = self.random
        rows, seen = [], set()

        def add(organisation, role, **extra):
            if (organisation.pk, role) in seen:
                return
            seen.add((organisation.pk, role))
            rows.append(
                Participation(project=project, organisation=organisation, role=role, order=len(rows), **extra)
            )

        for number in range(rng.choice([1, 1, 1, 2, 2, 3])):
            funder = rng.choices(self.funders, self.funder_weights)[0]
            has_amount = project.budget is not None and rng.random() < 0.7
            add(
                funder,
                Participation.Role.FUNDER,
                is_lead=number == 0,
                amount=(project.budget / 2).quantize(Decimal("1.00")) if has_amount else None,
                currency=project.budget_currency if has_amount else "",
            )
        for _number in range(rng.choice([1, 1, 2])):
            add(self.rng_implementer(), Participation.Role.IMPLEMENTER)
        for _number in range(rng.randint(1, 4)):
            code = rng.choice(codes)
            pool = self.national.get(code) or self.all_national
            role = self.weighted(
                [
                    (Participation.Role.INSTITUTIONAL_PARTNER, 6),
                    (Participation.Role.SOCIAL_PARTNER, 2),
                    (Participation.Role.BENEFICIARY, 2),
                    (Participation.Role.STAKEHOLDER, 1),
                ]
            )
            add(rng.choice(pool), role, country_id=code if len(codes) > 1 else None)
        return rows

    def make_activities(self, projects: list[dict], total: int):
        rng = self.random
        # The first project is the heaviest sheet; the rest share the others
        # unevenly (a few large programmes, many small projects).
        heavy = min(HEAVY_PROJECT_ACTIVITIES, total)
        weights = [rng.lognormvariate(0, 0.8) for _ in projects[1:]]
        owners = [0] * heavy
        if weights:
            owners += [index + 1 for index in rng.choices(range(len(weights)), weights, k=total - heavy)]
        owners.sort()
        written, numbers = 0, {}
        for start in range(0, total, self.batch_size * 5):
            chunk = owners[start : start + self.batch_size * 5]
            rows, partner_links = [], []
            for owner in chunk:
                project = projects[owner]
                component_pk, component_code = rng.choice(project["components"])
                number = numbers[component_pk] = numbers.get(component_pk, 0) + 1
                kind, fr, ar, en = rng.choice(ACTIVITY_TEMPLATES)
                subject = project["subject"]
                country = rng.choice(project["countries"]) if rng.random() < 0.85 else None
                begins = self.date_within(project["start"], project["end"])
                place = rng.choice(PLACES)
                rows.append(
                    Activity(
                        project_id=project["pk"],
                        component_id=component_pk,
                        country_id=country,
                        code=f"{component_code.removeprefix('OS ')}.{number}",
                        title=contract(fr.format(s=subject[0])),
                        title_fr=contract(fr.format(s=subject[0])),
                        title_ar=contract(ar.format(s=subject[1])),
                        title_en=en.format(s=subject[2]),
                        description_fr=f"Activité menée {place[0]} avec les partenaires nationaux.",
                        description_ar=f"نشاط منجز {place[1]} مع الشركاء الوطنيين.",
                        description_en=f"Activity carried out {place[2]} with national partners.",
                        kind=kind,
                        status=self.weighted(STATUS_WEIGHTS),
                        start_date=begins,
                        end_date=min(
                            begins + datetime.timedelta(days=rng.choice([1, 2, 5, 30, 90])), project["end"]
                        ),
                        is_recurring=kind in (Activity.Kind.SURVEY, Activity.Kind.STUDY)
                        and rng.random() < 0.2,
                        order=number,
                        # The heaviest sheet shows all its activities.
                        publication=PUBLISHED if owner == 0 else self.publication(0.02),
                    )
                )
            Activity.objects.bulk_create(self.searchable(rows), batch_size=self.batch_size)
            for row in rows:
                pool = self.national.get(row.country_id) or self.all_national
                for organisation in {rng.choice(pool).pk for _ in range(rng.choice([0, 1, 1, 2]))}:
                    partner_links.append(
                        Activity.partners.through(activity_id=row.pk, organisation_id=organisation)
                    )
            self.link(Activity.partners.through, partner_links, "activity partners")
            written += len(rows)
            self.progress("activities", written, total)
        self.progress("activities", written, total, final=True)
        self.counts["activities"] = self.counts.get("activities", 0) + written

    def make_relations(self, projects: list[dict]):
        rng = self.random
        rows = []
        for index in range(1, len(projects)):
            if rng.random() < 0.03:
                earlier = projects[rng.randrange(0, index)]
                rows.append(
                    ProjectRelation(
                        project_id=projects[index]["pk"],
                        related_id=earlier["pk"],
                        kind=rng.choice(ProjectRelation.Kind.values),
                    )
                )
        self.create(ProjectRelation, rows, "relations")

    def make_events(self, projects: list[dict], total: int):
        rng = self.random
        written = 0
        for start in range(0, total, self.batch_size * 5):
            rows, organisations = [], []
            for _index in range(min(self.batch_size * 5, total - start)):
                kind, fr, ar, en = rng.choice(EVENT_TEMPLATES)
                if rng.random() < 0.85:
                    project = rng.choice(projects)
                    acronym, begins = project["acronym"], self.date_within(project["start"], project["end"])
                    code = rng.choice(project["countries"])
                    hosts = project["funders"][:1]
                else:
                    project, code = None, self.weighted(self.country_weights)
                    host = rng.choices(self.funders, self.funder_weights)[0]
                    acronym, hosts = host.acronym, [host]
                    begins = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(0, 17 * 365))
                city = rng.choice(
                    CITIES.get(code)
                    or [
                        (
                            self.countries[code].name_fr,
                            self.countries[code].name_ar,
                            self.countries[code].name_en,
                        )
                    ]
                )
                lasts = rng.choice([0, 0, 0, 1, 2, 4])
                rows.append(
                    Event(
                        project_id=project["pk"] if project else None,
                        kind=kind,
                        start_date=begins,
                        end_date=begins + datetime.timedelta(days=lasts) if lasts else None,
                        date_precision=DatePrecision.DAY,
                        title=fr.format(a=acronym),
                        title_fr=fr.format(a=acronym),
                        title_ar=ar.format(a=acronym),
                        title_en=en.format(a=acronym),
                        body_fr=f"Rencontre tenue à {city[0]} avec les partenaires du projet.",
                        body_ar=f"لقاء انعقد في {city[1]} مع شركاء المشروع.",
                        body_en=f"Meeting held in {city[2]} with the project's partners.",
                        place=city[0],
                        place_fr=city[0],
                        place_ar=city[1],
                        place_en=city[2],
                        country_id=code,
                        publication=self.publication(0.02),
                    )
                )
                organisations.append(hosts)
            Event.objects.bulk_create(self.searchable(rows), batch_size=self.batch_size)
            links = [
                Event.organisations.through(event_id=row.pk, organisation_id=organisation.pk)
                for row, hosts in zip(rows, organisations, strict=True)
                for organisation in hosts
            ]
            self.link(Event.organisations.through, links, "event organisations")
            written += len(rows)
            self.progress("events", written, total)
        self.progress("events", written, total, final=True)
        self.counts["events"] = self.counts.get("events", 0) + written
