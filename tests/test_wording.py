"""Words the pages and messages share: dates written one way ("December 7, 2026", times as
"10:00 AM EST"), months in full, not "Dec. 7" on one page and "December 7" on the next."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE_FILTER = re.compile(r'\|date:"([^"]*)"')
# The audit log's table keeps a compact month (its rows are many and its times have seconds).
COMPACT = {"templates/people/audit_log.html"}


def template_files():
    for folder in ("templates", "grants/templates", "pitf", "spog", "committees"):
        yield from (ROOT / folder).rglob("*.html")
        yield from (ROOT / folder).rglob("*.txt")


def test_dates_are_written_one_way():
    found = []
    for path in template_files():
        name = str(path.relative_to(ROOT))
        for fmt in DATE_FILTER.findall(path.read_text(encoding="utf-8")):
            if ("M" in fmt and name not in COMPACT) or re.search(r"(?<!\\)a", fmt):
                found.append(f"{name}: {fmt}")
    assert not found, "dates written another way:\n" + "\n".join(found)
