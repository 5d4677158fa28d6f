"""How a project presents the organisations taking part in it: by role, and
every other participant (coordinators, partners, beneficiaries...) by
country. The project sheet, the API record, the downloads and the list
cards all read them here, from the participations already loaded."""

from projects.models import Participation

Role = Participation.Role
MAIN_ROLES = (Role.FUNDER, Role.IMPLEMENTER)


def with_role(participations, role) -> list:
    """The participations (already loaded) whose role is `role`."""
    return [participation for participation in participations if participation.role == role]


def partners_by_country(participations, country_links) -> list[dict]:
    """The participants other than funders and implementers, by the country
    they take part in (or their organisation's): the project's countries in
    their order, then any other, then the regional and international ones."""
    return by_country(
        [participation for participation in participations if participation.role not in MAIN_ROLES],
        country_links,
        country_of=lambda participation: participation.country or participation.organisation.country,
        regional_first=False,
    )


def by_country(items, country_links, *, country_of, regional_first):
    """Items grouped by country: the project's countries in their order (with
    their status and note, e.g. suspended), then any other country, with the
    items that have no country (sub-regional or international) first or last."""
    links = {link.country_id: link for link in country_links}
    order = {link.country_id: position for position, link in enumerate(country_links)}
    groups = {}
    for item in items:
        country = country_of(item)
        key = country.pk if country else None
        if key not in groups:
            groups[key] = {"country": country, "link": links.get(key), "items": []}
        groups[key]["items"].append(item)
    regional = [groups.pop(None)] if None in groups else []
    national = sorted(
        groups.values(),
        key=lambda group: (order.get(group["country"].pk, len(order)), str(group["country"])),
    )
    return regional + national if regional_first else national + regional
