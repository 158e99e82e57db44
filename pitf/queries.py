"""Query expressions the features' selectors share."""

from __future__ import annotations

from django.db.models import Exists


class ExistsProbed(Exists):
    """EXISTS, looked up row by row through its index, never hashed whole.

    PostgreSQL may run a correlated EXISTS under an OR as a hashed subplan: it reads every row
    the subquery could match (an agency asked about 18,000 documents) into a hash before the
    first outer row, even when the outer query stops after a page of rows or the first
    thousand. OFFSET 0 keeps the subquery as it is written, so each outer row that reaches
    the test probes the index once: a grants list's page query went from 7 ms to 0.3 ms at
    fifteen years (docs/performance.md). Use it where the outer query is limited or most rows
    pass an earlier test of the OR; a plain Exists is better where every row is tested."""

    template = "EXISTS(%(subquery)s OFFSET 0)"
