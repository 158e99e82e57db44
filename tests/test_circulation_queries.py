"""The circulation pages keep their number of SQL queries as circulations, agencies and comments
grow (asserted at two sizes): the lists, the consolidated view and the exports."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pitf import workdays
from pitf.circulation import services
from pitf.circulation.models import Circulation
from pitf.models import Agency, Body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=workdays.EASTERN)


def grow(people, *, circulations: int, comments_each: int) -> Circulation:
    """`circulations` more HHS circulations to every other SPOG member; in each, every member
    agency drafts `comments_each` comments and submits them (its staff, then the site
    administrator, as the secretariat may not: a delegate of each agency). Returns the first."""
    from pitf.circulation.models import Delegate

    spog = Body.objects.get(short_name="spog")
    hhs = Agency.objects.get(acronym="HHS")
    for _ in range(circulations):
        circulation = services.circulation_start(
            actor=people["staff"],
            document=spog,
            owner_agency=hhs,
            title="A NOFO",
            deadline=datetime.date(2026, 12, 18),
        )
        for recipient in circulation.recipients.select_related("agency"):
            writer = UserFactory(agency=recipient.agency)
            Delegate.objects.get_or_create(
                agency=recipient.agency, person=writer, defaults={"named_by": people["site_admin"]}
            )
            for index in range(comments_each):
                services.comment_add(
                    actor=writer,
                    circulation=circulation,
                    section=f"Section {index}",
                    kind="editorial",
                    text=f"Comment {index}",
                )
            services.answer_submit(
                actor=writer,
                recipient=recipient,
                expected_version=recipient.version,
                answer="comments" if comments_each else "no_comment",
            )
    return Circulation.objects.order_by("pk").first()


def count(client, urls) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_the_circulation_pages_keep_their_query_count(client, people):
    with time_machine.travel(NOW, tick=False):
        first = grow(people, circulations=1, comments_each=1)
        urls = {
            "list": reverse("circulation:list"),
            "consolidated view": reverse("circulation:detail", args=[first.pk]),
            "csv": reverse("circulation:export", args=[first.pk, "csv"]),
            "docx": reverse("circulation:export", args=[first.pk, "docx"]),
            "my page": reverse("my-page"),
        }
        client.force_login(people["staff"])
        count(client, urls)
        small = count(client, urls)
        grow(people, circulations=4, comments_each=0)
        # The first circulation's answers grow too: reopen one agency's and add comments.
        dhs = first.recipients.get(agency__acronym="DHS")
        services.answer_reopen(actor=people["staff"], recipient=dhs, expected_version=dhs.version)
        writer = UserFactory(agency=dhs.agency)
        for index in range(30):
            services.comment_add(
                actor=writer, circulation=first, section="S", kind="question", text=str(index)
            )
        dhs.refresh_from_db()
        services.answer_submit(
            actor=people["representative"],
            recipient=dhs,
            expected_version=dhs.version,
            answer="comments",
        )
        large = count(client, urls)
    assert Circulation.objects.count() == 5
    assert first.recipients.count() == 16
    print("\n[queries]", small)
    assert large == small


def test_an_agencys_own_circulations_are_listed_a_page_at_a_time(client, people):
    """However many documents an agency has circulated over the years, its list shows 25, newest
    first, each with its answers counted, and pages to the rest."""
    spog = Body.objects.get(short_name="spog")
    hhs = Agency.objects.get(acronym="HHS")
    with time_machine.travel(NOW, tick=False) as clock:
        answered = grow(people, circulations=1, comments_each=0)  # every agency answered
        for number in range(1, 27):
            clock.shift(datetime.timedelta(minutes=1))
            services.circulation_start(
                actor=people["staff"],
                document=spog,
                owner_agency=hhs,
                title=f"Circulation {number:02}",
                deadline=datetime.date(2026, 12, 18),
            )
        client.force_login(people["staff"])
        first = client.get(reverse("circulation:list")).content.decode()
        second = client.get(reverse("circulation:list") + "?page=2").content.decode()
    assert "(page 1 of 2)" in first and "(page 2 of 2)" in second
    assert first.index("Circulation 26") < first.index("Circulation 25")
    assert "Circulation 02" in first and "Circulation 01" not in first
    assert "Circulation 01" in second and answered.title in second
    assert first.count("0 of 16") == 25
    assert "16 of 16" in second and "0 of 16" in second
    assert 'aria-label="Page 2"' in first


def test_the_requests_asked_of_an_agency_read_in_words_on_its_list_and_my_page(client, people):
    """Each open request: its document linked, who circulated it, when comments are due and
    whether the agency answered; what the owner typed shows as text."""
    spog = Body.objects.get(short_name="spog")
    hhs = Agency.objects.get(acronym="HHS")
    with time_machine.travel(NOW, tick=False):
        asked = services.circulation_start(
            actor=people["staff"],
            document=spog,
            owner_agency=hhs,
            title="<i>Plan</i> & budget",
            deadline=datetime.date(2026, 12, 18),
        )
        client.force_login(people["representative"])  # DHS
        page = client.get(reverse("circulation:list")).content.decode()
        mine = client.get(reverse("my-page")).content.decode()
    link = f'<a class="usa-link" href="{reverse("circulation:detail", args=[asked.pk])}">'
    title = "&lt;i&gt;Plan&lt;/i&gt; &amp; budget"
    assert "<i>Plan</i>" not in page and "<i>Plan</i>" not in mine
    assert (
        f'<tr><th scope="row">{link}{title}</a></th><td>HHS</td>'
        "<td>Friday, December 18, 2026, 5:00 PM EST</td><td>Not submitted</td></tr>"
    ) in page
    assert f"{link}{title}</a>, from HHS: comments due Friday, December 18, 2026" in mine
    assert "Your agency has not answered." in mine
