"""The registry the tests of the public surfaces read (pages, API, downloads,
the publication policy), composed from tests/factories.py.

`build_registry()` makes the countries, organisations and themes named and
returns the records by name (a country by its code, the others by slug);
the blocks below add projects and the drafts no public surface may show.
Each folder's `registry` fixture puts the blocks together and pins the
values its own tests check (titles, dates, amounts, statuses): those differ
from folder to folder, the records they are made of do not.

Every draft carries a marker (`DRAFT_MARK` filled with its kind) in every
language, so that a test can look for the marker on any page, file or
answer rather than for each record's own title.
"""

from core.publication import Publication
from partners.models import Country, Organisation
from projects.models import Component, Participation, Project, ProjectCountry, Theme
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
    ThemeFactory,
)

Role = Participation.Role
LANGUAGES = ("fr", "ar", "en")

COUNTRIES = {
    "MA": ("Maroc", "المغرب", "Morocco"),
    "TN": ("Tunisie", "تونس", "Tunisia"),
    "LY": ("Libye", "ليبيا", "Libya"),
    "EG": ("Égypte", "مصر", "Egypt"),
    "DE": ("Allemagne", "ألمانيا", "Germany"),
}

# An organisation's `country` is a code of COUNTRIES; fields left out come
# from the factory.
ORGANISATIONS = {
    "ue": {
        "name_fr": "Union européenne",
        "name_ar": "الاتحاد الأوروبي",
        "name_en": "European Union",
        "acronym_fr": "UE",
        # No Arabic acronym: readers in Arabic get the French one.
        "acronym_ar": "",
        "acronym_en": "EU",
        "kind": Organisation.Kind.INTERGOVERNMENTAL,
        "iati_identifier": "XI-IATI-EC_INTPA",
    },
    "oit": {
        "name_fr": "Organisation internationale du Travail",
        "name_ar": "منظمة العمل الدولية",
        "name_en": "International Labour Organization",
        "acronym_fr": "OIT",
        "acronym_ar": "",
        "acronym_en": "ILO",
        "aliases": "BIT\nBureau international du Travail",
        "kind": Organisation.Kind.UN_AGENCY,
        "iati_identifier": "XM-DAC-41302",
    },
    "giz": {
        "name_fr": "Agence allemande de coopération internationale",
        "name_en": "German Agency for International Cooperation",
        "acronym_fr": "GIZ",
        "kind": Organisation.Kind.BILATERAL_AGENCY,
        "country": "DE",
    },
    "usdol": {
        "name_fr": "Département du Travail des États-Unis",
        "acronym_fr": "USDOL",
        "kind": Organisation.Kind.GOVERNMENT,
    },
    "anapec": {
        "name_fr": "Agence nationale de promotion de l'emploi et des compétences",
        "name_ar": "الوكالة الوطنية لإنعاش التشغيل والكفاءات",
        "acronym_fr": "ANAPEC",
        "kind": Organisation.Kind.PUBLIC_AGENCY,
        "country": "MA",
    },
    "mtip": {
        "name_fr": "Ministère du Travail et de l'Insertion Professionnelle",
        "name_ar": "وزارة الشغل والإدماج المهني",
        "name_en": "",
        "acronym_fr": "MTIP",
        "kind": Organisation.Kind.MINISTRY,
        "country": "MA",
    },
    "umt": {"name_fr": "UMT", "kind": Organisation.Kind.TRADE_UNION},
}

THEMES = {
    "labour-migration": {
        "name_fr": "Migration de travail",
        "name_ar": "هجرة العمل",
        "name_en": "Labour migration",
        "dac_code": "15190",
    },
    "employment": {"name_fr": "Emploi", "dac_code": "16020"},
    # A theme without a DAC code gives no IATI sector.
    "dialogue": {"name_fr": "Dialogue social", "dac_code": ""},
}

DRAFT_MARK = "DRAFT{}MARK"
DRAFT_KINDS = (
    "PROJECT",
    "ORG",
    "COMPONENT",
    "ACTIVITY",
    "EVENT",
    "INDICATOR",
    "DOCUMENT",
    "ARCHIVED",
    "REVIEW",
)


def draft_markers(mark: str = DRAFT_MARK) -> tuple[str, ...]:
    """The markers the drafts made with `mark` carry: none may be public."""
    return tuple(mark.format(kind) for kind in DRAFT_KINDS)


DRAFT_MARKERS = draft_markers()


def marked(text: str, field: str = "title") -> dict:
    """`field` reading `text` in every language."""
    return {f"{field}_{code}": text for code in LANGUAGES}


def country(code: str) -> Country:
    name_fr, name_ar, name_en = COUNTRIES[code]
    return CountryFactory(code=code, name_fr=name_fr, name_ar=name_ar, name_en=name_en)


def organisation(slug: str) -> Organisation:
    fields = dict(ORGANISATIONS[slug])
    if "country" in fields:
        fields["country"] = country(fields["country"])
    return OrganisationFactory(slug=slug, **fields)


def theme(slug: str) -> Theme:
    return ThemeFactory(slug=slug, **THEMES[slug])


def build_registry(*, countries=(), organisations=(), themes=()) -> dict:
    """The countries, organisations and themes named, by code or slug: the
    start of a registry that the blocks below complete."""
    registry = {code: country(code) for code in countries}
    registry |= {slug: organisation(slug) for slug in organisations}
    registry |= {slug: theme(slug) for slug in themes}
    return registry


def project(
    registry: dict,
    *,
    countries=(),
    suspended=None,
    themes=(),
    funders=None,
    lead: str = "",
    implementers=(),
    partners=(),
    **fields,
) -> Project:
    """A project (published unless `publication` says otherwise) in
    `countries` in that order, then in `suspended` ones ({code: note});
    with `themes`, `funders` ({name: (amount, currency)} or {name: None}),
    `implementers` and institutional `partners`, each named by its key in
    `registry`. A partner takes part in its own country; `lead` names the
    funder the project is filed under."""
    created = ProjectFactory(**fields)
    created.themes.add(*(registry[slug] for slug in themes))
    for order, code in enumerate(countries):
        ProjectCountryFactory(project=created, country=registry[code], order=order)
    for order, (code, note) in enumerate((suspended or {}).items(), start=len(countries)):
        ProjectCountryFactory(
            project=created,
            country=registry[code],
            order=order,
            status=ProjectCountry.Status.SUSPENDED,
            note_fr=note,
        )
    for name, contribution in (funders or {}).items():
        amount, currency = contribution or (None, "")
        ParticipationFactory(
            project=created,
            organisation=registry[name],
            role=Role.FUNDER,
            amount=amount,
            currency=currency,
            is_lead=name == lead,
        )
    for name in implementers:
        ParticipationFactory(project=created, organisation=registry[name], role=Role.IMPLEMENTER)
    for name in partners:
        partner = registry[name]
        ParticipationFactory(
            project=created, organisation=partner, role=Role.INSTITUTIONAL_PARTNER, country=partner.country
        )
    return created


# Drafts: each block adds its records to `registry` under the names given.


def draft_organisation(
    registry: dict,
    project: Project,
    *,
    mark: str = DRAFT_MARK,
    slug: str = "draft-org",
    role: str = Role.FUNDER,
    **participation,
) -> Organisation:
    """A draft organisation ("draft_organisation") taking part in the
    published `project` with `role`: it is named nowhere public."""
    draft = OrganisationFactory(
        slug=slug, acronym_fr="", publication=Publication.DRAFT, **marked(mark.format("ORG"), "name")
    )
    ParticipationFactory(project=project, organisation=draft, role=role, **participation)
    registry["draft_organisation"] = draft
    return draft


def drafts_inside(
    registry: dict, project: Project, component: Component, *, mark: str = DRAFT_MARK, code: str = "9"
) -> None:
    """A draft of each child of the published `project` ("draft_component",
    "draft_activity" in `component`, "draft_indicator", "draft_document",
    "draft_event"), a published activity inside the draft component, and a
    draft event of a cooperation partner: none of them is public."""
    draft = Publication.DRAFT
    registry["draft_component"] = ComponentFactory(
        project=project, code=code, publication=draft, **marked(mark.format("COMPONENT"))
    )
    registry["draft_activity"] = ActivityFactory(
        project=project, component=component, publication=draft, **marked(mark.format("ACTIVITY"))
    )
    # Published itself, but inside a draft component.
    ActivityFactory(project=project, component=registry["draft_component"], **marked(mark.format("ACTIVITY")))
    registry["draft_indicator"] = IndicatorFactory(
        project=project, publication=draft, **marked(mark.format("INDICATOR"), "label")
    )
    registry["draft_document"] = DocumentFactory(
        project=project, publication=draft, **marked(mark.format("DOCUMENT"))
    )
    registry["draft_event"] = EventFactory(project=project, publication=draft, **marked(mark.format("EVENT")))
    EventFactory(project=None, publication=draft, **marked(mark.format("EVENT")))


def draft_project(registry: dict, *, mark: str = DRAFT_MARK, **fields) -> Project:
    """A draft project ("draft_project", made by `project()` with `fields`)
    whose children are published, yet hidden with it."""
    hidden = project(registry, publication=Publication.DRAFT, **marked(mark.format("PROJECT")), **fields)
    component = ComponentFactory(project=hidden, **marked(mark.format("COMPONENT")))
    ActivityFactory(project=hidden, component=component, **marked(mark.format("ACTIVITY")))
    IndicatorFactory(project=hidden, **marked(mark.format("INDICATOR"), "label"))
    DocumentFactory(project=hidden, **marked(mark.format("DOCUMENT")))
    EventFactory(project=hidden, **marked(mark.format("EVENT")))
    registry["draft_project"] = hidden
    return hidden


def withheld_projects(registry: dict, *, mark: str = DRAFT_MARK) -> None:
    """A project archived ("archived_project", at `archived`) and one in
    review ("review_project", at `review`): neither is public."""
    for publication, kind in ((Publication.ARCHIVED, "ARCHIVED"), (Publication.REVIEW, "REVIEW")):
        registry[f"{publication.value}_project"] = ProjectFactory(
            publication=publication,
            acronym=mark.format(kind),
            slug=publication.value,
            **marked(mark.format("PROJECT")),
        )


def edit(record, **fields):
    """Save `record` with `fields` changed, as an editor would."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
