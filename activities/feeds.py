"""What the public pages of activities show, for the change feed
(core/feed.py): a project sheet, and an item of the activity list.

Each is kept in the cache under its record's stamp in its feed
(activities/views.py, core/kept_items.py): any write to a row it shows
stamps the records that show it, and only those are rendered again. Pages
are no API list: no withdrawals to tell."""

from activities.models import Activity
from core.feed import Feed
from projects.models import Project

PROJECT_SHEETS = Feed(
    "project-sheets",
    Project,
    "slug",
    Project.objects.published,
    shows=dict.fromkeys(
        (
            "participations",
            "participations__organisation",
            "participations__country",
            "country_links",
            "country_links__country",
            "themes",
            "components",
            "components__managers",
            "activities",
            "activities__country",
            "activities__partners",
            "indicators",
            "indicators__component",
            "indicators__periods",
            "events",
            "events__country",
            "documents",
            "relations",
            "relations__related",
            "inverse_relations",
            "inverse_relations__project",
        )
    ),
    listed=False,
)

# An activity as the activity list shows it (includes/activity_item.html).
ACTIVITY_ITEMS = Feed(
    "activity-items",
    Activity,
    "id",
    Activity.objects.published,
    shows={
        "project": ("slug", "acronym", "short_name", "publication"),
        "component": ("kind", "code", "publication"),
        "country": ("name",),
        "partners": ("slug", "name", "acronym", "publication"),
    },
    listed=False,
)
