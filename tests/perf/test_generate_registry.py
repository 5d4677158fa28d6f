"""The registry generator: a realistic, reproducible registry at any scale."""

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from activities.models import Activity, Event
from core.publication import Publication
from partners.models import Organisation
from projects.models import Component, Indicator, Participation, Project, ProjectCountry

TINY = ["--projects", "20", "--activities", "100", "--organisations", "30", "--events", "50"]
ARABIC = re.compile("[\u0600-\u06ff]")

pytestmark = pytest.mark.django_db


def generate(*extra):
    call_command("generate_registry", *TINY, *extra, verbosity=0)


def snapshot():
    """What a reader sees of the registry, without primary keys or timestamps."""
    return {
        "projects": list(
            Project.objects.order_by("slug").values_list(
                "slug", "title_fr", "title_ar", "status", "start_date", "budget", "publication"
            )
        ),
        "activities": sorted(
            Activity.objects.values_list("project__slug", "code", "title_en", "country_id", "publication")
        ),
        "events": sorted(Event.objects.values_list("title_fr", "start_date", "place_ar")),
        "participations": sorted(
            Participation.objects.values_list("project__slug", "organisation__slug", "role")
        ),
    }


def test_generates_the_requested_counts():
    generate("--seed", "1")
    assert Project.objects.count() == 20
    assert Activity.objects.count() == 100
    assert Organisation.objects.count() == 30
    assert Event.objects.count() == 50
    # Every project has countries, components and at least one funder.
    assert not Project.objects.filter(country_links__isnull=True).exists()
    assert not Project.objects.filter(components__isnull=True).exists()
    funded = Participation.objects.filter(role=Participation.Role.FUNDER).values("project").distinct()
    assert funded.count() == 20


def test_same_seed_gives_the_same_registry_and_another_seed_another():
    generate("--seed", "7")
    first = snapshot()
    generate("--seed", "7", "--force")
    assert snapshot() == first
    generate("--seed", "8", "--force")
    assert snapshot()["projects"] != first["projects"]


def test_records_read_in_french_arabic_and_english():
    generate()
    for project in Project.objects.all():
        assert project.title_fr and project.title_en and project.summary_fr
        assert ARABIC.search(project.title_ar) and ARABIC.search(project.summary_ar)
    for activity in Activity.objects.all()[:20]:
        assert activity.title_fr and activity.title_en and ARABIC.search(activity.title_ar)
    for organisation in Organisation.objects.all():
        assert organisation.name_fr and organisation.name_en and ARABIC.search(organisation.name_ar)
    assert all(ARABIC.search(title) for title in Event.objects.values_list("title_ar", flat=True))


def test_search_finds_generated_records_in_every_language():
    generate()
    project = Project.objects.order_by("pk").first()
    arabic_word = max(project.title_ar.split(), key=len)
    # The folded column matches whatever the accents, diacritics or language.
    assert Project.objects.search(arabic_word).filter(pk=project.pk).exists()
    assert Project.objects.search(project.title_en.upper()).filter(pk=project.pk).exists()
    assert Project.objects.search(project.acronym.lower()).filter(pk=project.pk).exists()


def test_most_records_are_published_and_a_few_are_drafts():
    call_command(
        "generate_registry", "--projects", "150", "--activities", "1500", "--organisations", "100",
        "--events", "300", verbosity=0,
    )  # fmt: skip
    for model in (Project, Activity, Event, Organisation, Component, Indicator):
        states = Counter(model.objects.values_list("publication", flat=True))
        share = states[Publication.PUBLISHED] / sum(states.values())
        assert 0.9 <= share <= 1, model
    drafts = sum(
        model.objects.filter(publication=Publication.DRAFT).count() for model in (Project, Activity, Event)
    )
    assert drafts > 0


def test_distributions_look_like_a_real_registry():
    call_command(
        "generate_registry", "--projects", "300", "--activities", "1000", "--organisations", "1000",
        "--events", "50", verbosity=0,
    )  # fmt: skip
    funders = list(
        Participation.objects.filter(role=Participation.Role.FUNDER)
        .values("organisation")
        .annotate(projects=Count("project", distinct=True))
        .order_by("-projects")
        .values_list("projects", flat=True)
    )
    # A few funders carry most projects (Zipf-like), the last ones a handful.
    assert funders[0] >= 0.2 * 300
    assert len(funders) >= 15
    assert funders[0] >= 5 * funders[-1]
    countries = Counter(ProjectCountry.objects.values_list("country_id", flat=True))
    assert [code for code, _count in countries.most_common(1)] == ["MA"]
    assert {"TN", "MR", "EG"} <= set(countries)
    assert len(set(Project.objects.values_list("status", flat=True))) >= 4


def test_the_first_project_is_the_heaviest_sheet():
    call_command(
        "generate_registry", "--projects", "10", "--activities", "400", "--organisations", "30",
        "--events", "10", verbosity=0,
    )  # fmt: skip
    first = Project.objects.order_by("pk").first()
    assert first.is_published
    assert Activity.objects.published().filter(project=first).count() == 200


def test_sampled_records_pass_full_validation():
    generate("--seed", "3")
    for model in (
        Organisation,
        Project,
        ProjectCountry,
        Participation,
        Component,
        Indicator,
        Activity,
        Event,
    ):
        sample = list(model.objects.order_by("?")[:8])
        assert sample, model
        for record in sample:
            record.full_clean()


def test_generated_records_have_their_search_text_and_iati_key():
    generate()
    assert not Project.objects.filter(search_text="").exists()
    assert not Activity.objects.filter(search_text="").exists()
    assert not Event.objects.filter(search_text="").exists()
    assert not Organisation.objects.filter(search_text="").exists()
    keys = list(Project.objects.values_list("iati_key", flat=True))
    assert all(keys) and len(set(keys)) == len(keys)
    project = Project.objects.first()
    assert project.search_text == project.build_search_text()


def test_refuses_to_run_on_a_registry_unless_told_to_replace_or_append():
    generate()
    with pytest.raises(CommandError, match="already holds projects"):
        generate()
    generate("--append", "--seed", "99")
    assert Project.objects.count() == 40
    assert Project.objects.values("slug").distinct().count() == 40
    generate("--force")
    assert Project.objects.count() == 20
