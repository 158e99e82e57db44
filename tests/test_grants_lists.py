"""The grants lists as a person reads them: each row's title links to the document's page over
its subtitle, its cells say dates and amounts in words, and what the agencies typed is shown as
text, never as markup; a second page keeps the unfiltered filter form."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import Award
from pitf.models import Agency
from tests.test_grants import make
from tests.test_grants_awards import award_values

pytestmark = pytest.mark.django_db


def test_each_row_links_its_page_and_says_its_cells_in_words(client, people):
    award = Award.objects.create(
        agency=Agency.objects.get(acronym="DOJ"),
        created_by=people["staff"],
        status=Award.Status.MADE,
        **{
            **award_values(),
            "title": "Shelter <b>beds</b> & care",
            "recipient_name": 'Hope "House" <Inc>',
            "amount": Decimal("1250000.5"),
            "period_start": datetime.date(2027, 1, 5),
        },
    )
    client.force_login(people["staff"])
    page = client.get(reverse("grants:award-list")).content.decode()
    detail = reverse("grants:award-detail", args=[award.pk])
    assert (
        f'<a class="usa-link" href="{detail}">Shelter &lt;b&gt;beds&lt;/b&gt; &amp; care</a>'
        in page
    )
    assert "Hope &quot;House&quot; &lt;Inc&gt;" in page
    assert "<b>beds</b>" not in page
    for cell in ("DOJ", "2027", "$1,250,000.50", "Awarded", "January 5, 2027"):
        assert f'<td class="wraps">{cell}</td>' in page, cell


def test_a_second_page_keeps_the_filter_form_unfiltered(client, people):
    for index in range(30):
        make(people, title=f"Posted {index:02d}")
    client.force_login(people["staff"])
    url = reverse("grants:solicitation-list")
    second = client.get(url, {"page": 2})
    assert [s.title for s in second.context["page"].object_list][0].startswith("Posted")
    assert len(second.context["page"].object_list) == 5
    text = second.content.decode()
    assert "30 grant solicitations" in text and "Clear the filters" not in text
    assert 'name="fiscal_year"' in text  # the filter form, as the first page shows it
