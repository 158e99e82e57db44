"""Where one request's time goes: each page of bench/load.py requested in-process through
Django's test client, one at a time, with the server's settings and sessions, its time split
into the database (every query's round trip, timed by an execute wrapper), template rendering
(the outermost render, less the queries run inside it) and the rest (middleware, the view's
Python, building SQL). Run by bench/load.py in the benchmark's environment:

    python bench/breakdown.py '<json: {"pages": [[label, path, role], ...], "cookies": {...}}>'

Prints one JSON object: per "label|role", the medians in ms and the number of queries.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.backends.django import Template  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_BREAKDOWN_REQUESTS", "30"))


class Clock:
    """The time spent in queries and in (outermost) template rendering during a request."""

    def __init__(self):
        self.sql = self.sql_in_templates = self.templates = 0.0
        self.queries = 0
        self.depth = 0

    def query(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - start
            self.sql += spent
            self.queries += 1
            if self.depth:
                self.sql_in_templates += spent


CLOCK = Clock()
_render = Template.render


def _timed_render(self, context=None, request=None):
    CLOCK.depth += 1
    start = time.perf_counter()
    try:
        return _render(self, context, request)
    finally:
        CLOCK.depth -= 1
        if not CLOCK.depth:
            CLOCK.templates += time.perf_counter() - start


Template.render = _timed_render


def measure(client: Client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    rows = []
    with connection.execute_wrapper(CLOCK.query):
        for _ in range(REQUESTS):
            CLOCK.__init__()
            start = time.perf_counter()
            client.get(path)
            total = time.perf_counter() - start
            templates = CLOCK.templates - CLOCK.sql_in_templates
            rows.append((total, CLOCK.sql, templates, total - CLOCK.sql - templates, CLOCK.queries))

    def median(i):
        return round(statistics.median(row[i] for row in rows) * 1000, 1)

    return {
        "total": median(0),
        "sql": median(1),
        "templates": median(2),
        "python": median(3),
        "queries": rows[-1][4],
    }


def main() -> None:
    job = json.loads(sys.argv[1])
    results = {}
    for label, path, role in job["pages"]:
        client = Client(SERVER_NAME="127.0.0.1")
        if role:
            cookie = job["cookies"].get(role)
            if cookie is None:
                continue
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
        results[f"{label}|{role or ''}"] = measure(client, path)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
