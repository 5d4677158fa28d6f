"""Writes every public page and API answer of the seed registry to a folder,
so that two versions of the code can be compared answer by answer (a
refactoring should change none). Usage:

    .venv/bin/python scripts/snapshot.py OUTDIR
    diff -r before/ after/

It loads the seed registry into a new SQLite database at a fixed time, then
follows every link of the public pages (all languages) and of the API
(`lang=all`, lists and details), and fetches the downloads.
"""

import datetime
import io
import os
import re
import sys
import tempfile
import zipfile
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import time_machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXED = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
START = ["/fr/", "/ar/", "/en/", "/api/v1/", "/sitemap.xml", "/api/schema/"]
SKIP = re.compile(r"^/(admin|static|media|i18n|api/docs|api/redoc)/|[?&](page|cursor)=\d{2,}")
# Values that change per request rather than with the code.
VOLATILE = [
    (re.compile(rb'nonce="[^"]+"'), b'nonce=""'),
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b'name="csrfmiddlewaretoken" value=""'),
]


def spreadsheet_text(body: bytes) -> bytes:
    """The sheets of a workbook, without the zip's and the properties' times."""
    with zipfile.ZipFile(io.BytesIO(body)) as workbook:
        names = sorted(name for name in workbook.namelist() if name != "docProps/core.xml")
        return b"\n".join(workbook.read(name) for name in names)


def main(out: Path, limit: int = 4000) -> None:
    database = Path(tempfile.mkdtemp()) / "snapshot.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cooperation.settings",
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{database}",
        RESPONSE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    with time_machine.travel(FIXED, tick=False):
        call_command("migrate", verbosity=0)
        call_command("load_registry", stdout=open(os.devnull, "w"))  # noqa: SIM115
        client = Client(HTTP_HOST="localhost")
        seen, queue = set(START), deque(START)
        while queue and len(seen) < limit:
            url = queue.popleft()
            response = client.get(
                url + ("&" if "?" in url else "?") + "lang=all" if url.startswith("/api/v1/") else url
            )
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if "spreadsheet" in response.get("Content-Type", ""):
                body = spreadsheet_text(body)
            for pattern, replacement in VOLATILE:
                body = pattern.sub(replacement, body)
            name = re.sub(r"[^A-Za-z0-9._-]+", "_", url.strip("/")) or "root"
            (out / f"{name}.txt").write_bytes(
                f"{response.status_code} {response.get('Content-Type')}\n".encode() + body
            )
            if not response.get("Content-Type", "").startswith(("text/html", "application/json")):
                continue
            for link in re.findall(
                rb'(?:href|"url"|"next"|"previous"|"iati_url"|"csv")[=:]\s*"([^"#]+)"', body
            ):
                target = urljoin(url, link.decode().replace("&amp;", "&"))
                parts = urlsplit(target)
                if parts.netloc not in ("", "localhost", "testserver"):
                    continue
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                local = re.sub(r"[?&]lang=all", "", local)
                if local not in seen and not SKIP.search(local):
                    seen.add(local)
                    queue.append(local)
    print(f"{len(seen)} addresses written to {out}")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    main(target)
