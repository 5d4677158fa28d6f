"""What a project sheet shows, for the change feed (core/feed.py).

The sheet's content is kept in the cache under its project's stamp in this
feed (activities/views.py): any write to a row the sheet shows stamps the
sheets that show it, and only those are rendered again. A sheet is a page,
not an API list: no withdrawals to tell."""

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
