"""A long list counts its rows only up to a limit (pitf.pages.CountedUpTo): past it, its heading
says "More than ..." and its pages run on through Next, each counted as far as the page after it.
The grants lists, people, agencies and comment requests page this way."""

import pytest
from django.test import RequestFactory

from pitf.models import Agency
from pitf.pages import CountedUpTo, paginate

pytestmark = pytest.mark.django_db


def agencies():
    return Agency.objects.order_by("pk")


def test_past_the_limit_the_list_says_more_and_each_page_is_full(reference):
    total = agencies().count()
    assert total > 12
    paginator = CountedUpTo(agencies(), 3, up_to=6)
    assert paginator.more and paginator.shown_count == "More than 6"
    assert paginator.num_pages == 3
    page = paginator.page(3)
    assert list(page.object_list) == list(agencies()[6:9])
    assert not page.has_next()
    # Asked for page 3, it counts as far as page 4: Next is there while rows are.
    paginator = CountedUpTo(agencies(), 3, asked=3, up_to=6)
    assert paginator.more and paginator.num_pages == 5
    assert paginator.page(3).has_next()
    # Asked for a page past the end, it counts every row.
    paginator = CountedUpTo(agencies(), 3, asked=total // 3 + 1, up_to=6)
    assert not paginator.more
    assert paginator.shown_count == f"{total:,}" and paginator.count == total


def test_a_list_shorter_than_the_limit_is_counted_exactly(reference):
    page, page_range = paginate(RequestFactory().get("/", {"page": "2"}), agencies(), 5)
    assert page.number == 2 and not page.paginator.more
    assert page.paginator.shown_count == f"{agencies().count():,}"
    assert page_range[0] == 1


def test_the_count_stops_at_the_limit(reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        CountedUpTo(agencies(), 3, up_to=6).count  # noqa: B018
    [count] = queries.captured_queries
    assert "LIMIT 7" in count["sql"]
