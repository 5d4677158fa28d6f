"""Mirror the registry's API and keep the mirror in step, with nothing but
Python's standard library: the sync recipe of the README, runnable.

    python scripts/api_mirror.py https://registry.example/api/v1/ mirror.json

The first run pulls every list whole; each later run reads the file and
asks only for what changed since the previous run:

1. `GET /withdrawals/?since=<checkpoint>`: the keys to delete (a renamed
   record's old key comes with `new_key`); its `X-Sync-Checkpoint` header
   is the checkpoint of the next run.
2. `GET /<list>/?modified_since=<checkpoint>&expand=details&lang=all`
   for projects, organisations, components, indicators, activities and
   events: the records to replace, whole, in every language.
3. Themes and countries, a few rows each, whole.

Every list is read 100 rows a call, following `next`.
"""

import json
import sys
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

# Lists kept in step through the change feed, and their key in the URL.
SYNCED = {
    "projects": "slug",
    "organisations": "slug",
    "components": "id",
    "indicators": "id",
    "activities": "id",
    "events": "id",
}
# Reference lists, read whole every time.
WHOLE = {"themes": "slug", "countries": "code"}
EVERY_ROW = {"expand": "details", "lang": "all", "page_size": 100}


class Mirror:
    def __init__(self, base: str, records: dict | None = None, checkpoint: str | None = None):
        self.base = base.rstrip("/") + "/"
        self.records = records or {}
        self.checkpoint = checkpoint
        self.calls = 0

    def get(self, url: str) -> tuple[dict, dict]:
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            self.calls += 1
            return json.load(response), dict(response.headers)

    def url(self, resource: str, **params) -> str:
        return f"{self.base}{resource}/?{urllib.parse.urlencode(params)}"

    def rows_from(self, url: str | None):
        while url:
            page, _headers = self.get(url)
            yield from page["results"]
            url = page["next"]

    def keyed(self, resource: str, key: str, **params) -> dict:
        return {str(row[key]): row for row in self.rows_from(self.url(resource, **params))}

    def start(self, since: str) -> tuple[list[dict], str]:
        """The withdrawals since `since`, and the checkpoint of the next run."""
        page, headers = self.get(self.url("withdrawals", since=since, page_size=100))
        withdrawals = [*page["results"], *self.rows_from(page["next"])]
        return withdrawals, headers["X-Sync-Checkpoint"]

    def pull(self) -> "Mirror":
        """Every list, whole."""
        _withdrawals, checkpoint = self.start(datetime.now(UTC).isoformat())
        for resource, key in {**SYNCED, **WHOLE}.items():
            self.records[resource] = self.keyed(resource, key, **EVERY_ROW)
        self.checkpoint = checkpoint
        return self

    def sync(self) -> "Mirror":
        """What changed since the last pull or sync."""
        withdrawals, checkpoint = self.start(self.checkpoint)
        for withdrawal in withdrawals:
            self.records[withdrawal["resource"]].pop(withdrawal["key"], None)
        for resource, key in SYNCED.items():
            changed = self.keyed(resource, key, modified_since=self.checkpoint, **EVERY_ROW)
            self.records[resource].update(changed)
        for resource, key in WHOLE.items():
            self.records[resource] = self.keyed(resource, key, **EVERY_ROW)
        self.checkpoint = checkpoint
        return self


def main(base: str, path: str) -> None:
    file = Path(path)
    if file.exists():
        kept = json.loads(file.read_text(encoding="utf-8"))
        mirror = Mirror(base, kept["records"], kept["checkpoint"]).sync()
    else:
        mirror = Mirror(base).pull()
    file.write_text(
        json.dumps({"checkpoint": mirror.checkpoint, "records": mirror.records}, ensure_ascii=False),
        encoding="utf-8",
    )
    counts = ", ".join(f"{len(rows)} {resource}" for resource, rows in mirror.records.items())
    print(f"{counts} in {mirror.calls} calls; next sync from {mirror.checkpoint}.")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
