"""Write opendata/maps/countries.json, the country shapes of the statistics
page's map, from Natural Earth's 1:110m admin-0 countries (public domain).

    python scripts/build_map.py path/to/naturalearth_lowres.shp

Each country that reaches the mapped region (North Africa, Europe and the
Middle East, where the registry's projects take place) becomes an SVG path
in an equirectangular projection, coordinates rounded to a tenth of a pixel.
Needs pyshp and pycountry (dev dependencies); the site only reads the JSON.
"""

import json
import sys
from itertools import pairwise
from pathlib import Path

import pycountry
import shapefile

# The mapped region, in degrees, and the scale.
WEST, EAST, SOUTH, NORTH = -20.0, 42.0, 12.0, 70.0
SCALE = 8.0  # pixels per degree
OUT = Path(__file__).resolve().parent.parent / "opendata" / "maps" / "countries.json"


def point(lon: float, lat: float) -> str:
    return f"{(lon - WEST) * SCALE:.1f},{(NORTH - lat) * SCALE:.1f}"


def reaches_region(bbox) -> bool:
    west, south, east, north = bbox
    return east >= WEST and west <= EAST and north >= SOUTH and south <= NORTH


def path(shape) -> str:
    parts = [*shape.parts, len(shape.points)]
    rings = []
    for start, end in pairwise(parts):
        ring = shape.points[start:end]
        rings.append("M" + "L".join(point(lon, lat) for lon, lat in ring) + "Z")
    return "".join(rings)


def alpha_2(attributes: dict) -> str:
    """The ISO 3166-1 alpha-2 code the registry's countries use."""
    code = attributes.get("iso_a2") or ""
    if code and code != "-99":
        return code
    country = pycountry.countries.get(alpha_3=attributes.get("iso_a3") or "")
    if country is None:
        # Natural Earth gives France and Norway no ISO code in some versions.
        return {"France": "FR", "Norway": "NO"}.get(attributes.get("name"), "")
    return country.alpha_2


def main(source: str) -> None:
    reader = shapefile.Reader(source)
    fields = [field[0] for field in reader.fields[1:]]
    countries = {}
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        attributes = dict(zip(fields, record, strict=True))
        code = alpha_2(attributes)
        # The Kingdom's map, as its ministries publish it: one Morocco,
        # drawn without an inner line (the site's map outlines it by its
        # neighbours' borders only).
        code = "MA" if code == "EH" else code
        if code and reaches_region(shape.bbox):
            countries[code] = countries.get(code, "") + path(shape)
    OUT.write_text(
        json.dumps(
            {
                "width": round((EAST - WEST) * SCALE),
                "height": round((NORTH - SOUTH) * SCALE),
                "countries": dict(sorted(countries.items())),
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"{len(countries)} countries written to {OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
