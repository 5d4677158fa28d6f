"""The items of the activity list are kept under each activity's stamp in
the feed of what an item shows (activities/feeds.py, core/kept_items.py):
after an edit, the next list renders again the items that show it, and
takes the others from the cache."""

import pytest

from activities.models import Activity
from core.models import FeedEntry, FeedMark
from projects.models import Component
from tests.pages.conftest import html
from tests.registry import edit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

ITEM = "includes/activity_item.html"
LIST = "/fr/activities/?page_size=50"


def items(client) -> tuple[int, str]:
    """How many items were rendered, and the list's results."""
    response = client.get(LIST)
    assert response.status_code == 200
    page = html(response)
    results = page[page.index('<ul class="cards">') : page.index("</ul>", page.index('<ul class="cards">'))]
    return sum(template.name == ITEM for template in response.templates), results


def shown() -> int:
    return Activity.objects.published().count()


# Each edit, with how many items show it and what they then say.
EDITS = {
    "an activity's title": (
        lambda r: edit(Activity.objects.get(code="1.2", project=r["amem"]), title_fr="Atelier régional revu"),
        1,
        "Atelier régional revu",
    ),
    "a partner's acronym": (lambda r: edit(r["anapec"], acronym_fr="ANAPEC-MA"), 1, ">ANAPEC-MA</a>"),
    "a project's short name": (lambda r: edit(r["amem"], short_name_fr="Migration équitable"), 3, None),
    "a component's code": (
        lambda r: edit(Component.objects.get(project=r["amem"], code="1"), code="A"),
        3,
        "Axe A",
    ),
    "a country's name": (lambda r: edit(r["MA"], name_fr="Royaume du Maroc"), 1, "Royaume du Maroc"),
}


def test_a_list_renders_its_items_once(client, registry):
    first, results = items(client)
    assert first == shown() > 0
    assert items(client) == (0, results)


@pytest.mark.parametrize("change", list(EDITS))
def test_after_an_edit_the_items_that_show_it_are_rendered_again(client, registry, afresh, change):
    change, showing, text = EDITS[change]
    items(client)
    before = items(client)[1]
    change(registry)
    rendered, after = items(client)
    assert rendered == showing
    assert after != before
    with afresh():
        assert after == items(client)[1]
    if text:
        assert text in after


def test_an_activity_not_stamped_yet_is_kept_once_stamped(client, registry):
    items(client)
    activity = Activity.objects.published().first()
    FeedEntry.objects.filter(resource="activity-items", record_id=activity.pk).delete()
    # Rendered, and marked for the feed: the next reader stamps it.
    assert items(client)[0] == 1
    assert FeedMark.objects.filter(resource="activity-items", record_id=activity.pk).exists()
    assert items(client)[0] == 1
    assert items(client)[0] == 0


def test_staff_get_every_item_rendered(client, registry, admin_user):
    items(client)
    client.force_login(admin_user)
    assert items(client)[0] == shown()
