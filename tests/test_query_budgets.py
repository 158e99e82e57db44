"""Every page's number of queries against its budget, recorded in one table (the "Query budgets"
section of docs/performance.md): a page that starts making more queries than its budget fails
here, and so does a page without a budget. The pages are those of the permission matrix, each
requested as the person the accessibility walk uses (the site administrator where they may open
it), with the matrix's sample objects, after one request that lets the session settle. That a
page's count does not grow with the data is tested page by page at two sizes elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import test_permission_matrix as matrix
from tests.test_permission_matrix import sample, single_sign_on  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
HEADER = "| URL name | example path | as | queries at most |"


def read_budgets(text: str) -> dict[tuple[str, str], int]:
    budgets, in_table = {}, False
    for line in text.splitlines():
        if line.strip() == HEADER:
            in_table = True
            continue
        if in_table and not line.startswith("|"):
            break
        if in_table and not line.startswith("|---"):
            name, path, _, budget = (cell.strip().strip("`") for cell in line.strip("|").split("|"))
            budgets[(name, path)] = int(budget)
    return budgets


BUDGETS = read_budgets(DOC.read_text(encoding="utf-8"))


def test_every_page_has_a_budget_and_every_budget_a_page():
    pages = {(row.name, row.path) for row in matrix.page_rows()}
    assert len(pages) > 80
    missing = sorted(pages - set(BUDGETS))
    assert not missing, f"pages without a query budget in docs/performance.md: {missing}"
    stale = sorted(set(BUDGETS) - pages)
    assert not stale, f"budgets in docs/performance.md for pages that are gone: {stale}"


def test_no_page_makes_more_queries_than_its_budget(sample, single_sign_on):  # noqa: F811
    over, measured = [], []
    for row in matrix.page_rows():
        role = matrix.viewer(row)
        client = Client()
        person = sample["people"][role]
        if person is not None:
            client.force_login(person)
        path = matrix.concrete(row.path, sample=sample)
        client.get(path)  # the first request after signing in moves the idle clock on
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, f"{path} as {role}: {response.status_code}"
        count = len(queries)
        measured.append(f"| {row.name} | `{row.path}` | {role} | {count} |")
        budget = BUDGETS.get((row.name, row.path))
        if budget is not None and count > budget:
            over.append(f"{row.name} ({path} as {role}): {count} queries, budget {budget}")
    assert not over, "over budget:\n" + "\n".join(over) + "\n\nmeasured:\n" + "\n".join(measured)
