"""The IATI oracle in `tests/iati/standard/` is the standard as published:
each file's git blob id matches the one its SOURCE.md records upstream, and
the schema's include/import closure is all there."""

import hashlib
import re
from pathlib import Path

from lxml import etree

STANDARD = Path(__file__).resolve().parent.parent / "iati" / "standard"
XSD = "{http://www.w3.org/2001/XMLSchema}"


def recorded_blobs() -> dict[str, str]:
    source = (STANDARD / "SOURCE.md").read_text()
    return dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{40})` \|$", source, re.M))


def git_blob_id(path: Path) -> str:
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def test_every_file_is_byte_for_byte_the_published_one():
    recorded = recorded_blobs()
    kept = {
        str(path.relative_to(STANDARD))
        for path in STANDARD.rglob("*")
        if path.is_file() and path.name != "SOURCE.md"
    }
    assert kept == set(recorded), "files and SOURCE.md disagree"
    changed = [name for name, blob in recorded.items() if git_blob_id(STANDARD / name) != blob]
    assert not changed, f"differ from the published files: {changed}"


def test_the_schema_closure_is_complete():
    schemas = STANDARD / "schema"
    pending, seen = ["iati-activities-schema.xsd"], set()
    while pending:
        name = pending.pop()
        seen.add(name)
        document = etree.parse(str(schemas / name))
        for reference in document.iter(f"{XSD}include", f"{XSD}import"):
            location = reference.get("schemaLocation")
            if location and location not in seen:
                assert (schemas / location).exists(), f"{name} needs {location}"
                pending.append(location)
    assert seen == {"iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"}
