"""The stages of `manage.py generate_registry`: reference countries and themes,
organisations, projects with what hangs off them, activities, relations and
events, drawn in this order from one random source."""

import datetime
from decimal import Decimal

from django.utils.text import slugify

from activities.models import Activity, Event
from core.periods import DatePrecision
from partners.models import Country, Organisation
from portal.generation.base import PUBLISHED, GeneratorBase
from portal.generation.vocabulary import (
    ACTIONS,
    ACTIVITY_TEMPLATES,
    BENEFICIARIES,
    CITIES,
    COMPONENT_KINDS,
    COMPONENT_TITLES,
    COUNTRIES,
    CURRENCIES,
    EVENT_TEMPLATES,
    FUNDER_KINDS,
    IMPLEMENTER_KINDS,
    INDICATORS,
    NATIONAL_KINDS,
    OBJECTIVES,
    PHASES,
    PLACES,
    STATUS_WEIGHTS,
    SUBJECTS,
    SUMMARIES,
    THEMES,
    contract,
)
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

HEAVY_PROJECT_ACTIVITIES = 200


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def initials(text: str) -> str:
    letters = [word[0] for word in slugify(text).split("-") if len(word) > 3]
    return "".join(letters).upper()


class RegistryGenerator(GeneratorBase):
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
        self.create(Component, self.searchable(components), "components")
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
