"""The work's rows: meetings with their invitees, solicitations and proposed awards, and their
circulations with the answers and comments."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from bench.dataset.common import LAST_NAMES, ONE_DAY, _uei


def _meetings(rng, scale, bodies, people, start, until, report):
    from pitf.meetings.models import Invitee, Meeting
    from pitf.models import BodyRole, Designation

    count = scale.of(scale.meetings)
    span = (until - start).days
    meetings = []
    for n in range(count):
        body = bodies[n % len(bodies)]
        day = start + ONE_DAY * rng.randint(0, span + 90)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))
        office = BodyRole.objects.filter(body=body).current_on(day).first()
        scheduler = office.person if office else rng.choice(list(people.values()))[0]
        meetings.append(
            Meeting(
                body=body,
                title=f"{body.short_name.upper()} meeting {day:%B %Y}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                place="Harry S Truman Building, Washington, DC",
                scheduled_by=scheduler,
                status=Meeting.Status.CANCELLED
                if rng.random() < 0.05
                else Meeting.Status.SCHEDULED,
                uid=f"dataset-{n:06}@pitf-hub",
            )
        )
    with transaction.atomic():
        Meeting.objects.bulk_create(meetings, batch_size=500)
        invitees = []
        for meeting in Meeting.objects.filter(uid__startswith="dataset-").order_by("pk"):
            day = timezone.localdate(meeting.starts_at)
            for designation in Designation.objects.filter(body=meeting.body_id).current_on(day):
                invitees.append(
                    Invitee(
                        meeting=meeting,
                        person_id=designation.person_id,
                        agency_id=designation.agency_id,
                        source=designation.role,
                        response=rng.choice(["", "in_person", "remotely", "not_attending"]),
                    )
                )
        Invitee.objects.bulk_create(invitees, batch_size=2_000)
    report.add("meetings", len(meetings))
    report.add("invitees", len(invitees))


def _grants(rng, scale, agencies, people, start, until, report):
    from grants.models import Award, Solicitation
    from pitf.models import User

    creators = {
        a.pk: people.get(a.pk) or [User.objects.filter(is_active=True).first()] for a in agencies
    }
    solicitations = []
    for n in range(scale.of(scale.solicitations)):
        agency = agencies[n % len(agencies)]
        year = rng.randint(start.year, until.year)
        posted = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        floor = Decimal(rng.randrange(50_000, 400_000, 10_000))
        solicitations.append(
            Solicitation(
                agency=agency,
                created_by=rng.choice(creators[agency.pk]),
                title=f"Services for survivors of trafficking, {agency.acronym} {year}-{n:05}",
                assistance_listing=f"{rng.randint(10, 99)}.{rng.randint(100, 999)}",
                fiscal_year=year,
                populations=rng.sample(["adults", "minors", "survivors", "foreign_nationals"], 2),
                trafficking_type=rng.choice(["sex", "labor", "both"]),
                geography=rng.choice(["United States", "TX", "CA", "NY", "Global"]),
                status=_document_status(rng, "posted"),
                opportunity_number=f"O-{agency.acronym[:6]}-{year}-{n:06}",
                funding_instrument=rng.choice(["G", "CA"]),
                category="LJL",
                estimated_total_funding=floor * 40,
                award_ceiling=floor * 3,
                award_floor=floor,
                expected_awards=rng.randint(1, 40),
                eligible_applicants=["07", "12"],
                planned_post_date=posted,
                planned_close_date=posted + ONE_DAY * rng.randint(30, 90),
                summary="Comprehensive services for victims of human trafficking.",
            )
        )
    with transaction.atomic():
        Solicitation.objects.bulk_create(solicitations, batch_size=1_000)
    by_agency: dict[int, list[int]] = {}
    for pk, agency_id in Solicitation.objects.values_list("pk", "agency_id"):
        by_agency.setdefault(agency_id, []).append(pk)
    awards = []
    for n in range(scale.of(scale.awards)):
        agency = agencies[n % len(agencies)]
        year = rng.randint(start.year, until.year)
        begins = datetime.date(year, 10, 1)
        in_state = rng.random() < 0.8
        awards.append(
            Award(
                agency=agency,
                created_by=rng.choice(creators[agency.pk]),
                title=f"Survivor services award {n:06}",
                assistance_listing=f"{rng.randint(10, 99)}.{rng.randint(100, 999)}",
                fiscal_year=year,
                populations=["survivors"],
                trafficking_type=rng.choice(["sex", "labor", "both"]),
                geography="United States" if in_state else "Global",
                status=_document_status(rng, "made"),
                award_type=rng.choice(["grant", "cooperative_agreement", "technical_assistance"]),
                recipient_name=f"{rng.choice(LAST_NAMES)} Survivors Network {n:05}",
                recipient_uei=_uei(rng),
                recipient_city=rng.choice(["McAllen", "Atlanta", "Seattle", "Nairobi", "Manila"]),
                recipient_state=rng.choice(["TX", "GA", "WA"]) if in_state else "",
                recipient_country="" if in_state else rng.choice(["Kenya", "Philippines"]),
                amount=Decimal(rng.randrange(25_000, 2_000_000, 5_000)),
                period_start=begins,
                period_end=begins + ONE_DAY * 365 * rng.randint(1, 3),
                program="Housing Assistance for Victims of Human Trafficking",
                purpose="Transitional housing and wraparound services for survivors.",
                solicitation_id=rng.choice(by_agency[agency.pk])
                if by_agency.get(agency.pk) and rng.random() < 0.7
                else None,
            )
        )
    with transaction.atomic():
        Award.objects.bulk_create(awards, batch_size=1_000)
    report.add("solicitations", len(solicitations))
    report.add("awards", len(awards))


def _document_status(rng, final: str) -> str:
    """Most documents of fifteen years went through; a few are drafts, a handful are out for
    comment now (their circulations are open)."""
    return rng.choices(["draft", "circulated", "comments_closed", final], [8, 0.4, 12, 80])[0]


def _circulations(rng, scale, people, until, report):
    """Every solicitation and proposed award that left its draft was circulated to the SPOG's
    other member agencies of the day: closed ones with most agencies' answers, open ones (the
    documents out for comment now) with some, and the comments of the answers, by COPY."""
    from django.contrib.contenttypes.models import ContentType

    from grants.models import Award, Solicitation
    from pitf.circulation.models import Circulation, Comment, Recipient
    from pitf.models import Body, Membership

    spog = Body.objects.get(short_name="spog")
    members = list(
        Membership.objects.filter(body=spog).values_list("agency_id", "start_date", "end_date")
    )
    eastern = timezone.get_current_timezone()
    end_of_data = timezone.make_aware(datetime.datetime.combine(until, datetime.time(17)))
    circulations, plans = [], []
    for model in (Solicitation, Award):
        kind = ContentType.objects.get_for_model(model).pk
        documents = model.objects.exclude(status="draft").order_by("pk")
        for pk, title, agency_id, author_id, year, status in documents.values_list(
            "pk", "title", "agency_id", "created_by_id", "fiscal_year", "status"
        ):
            is_open = status == "circulated"
            if is_open:
                sent = end_of_data - ONE_DAY * rng.randint(0, 8)
            else:
                day = datetime.date(year - 1, 10, 1) + ONE_DAY * rng.randint(0, 300)
                sent = datetime.datetime.combine(day, datetime.time(10), tzinfo=eastern)
            deadline = sent + ONE_DAY * 10
            circulations.append(
                (
                    kind, str(pk), title[:300], agency_id, spog.pk, author_id, "",
                    sent.isoformat(), deadline.isoformat(), None, None,
                    "open" if is_open else "closed",
                    None if is_open else deadline.isoformat(), "", 1,
                )
            )  # fmt: skip
            day = sent.date()
            asked = [
                agency
                for agency, joined, left in members
                if agency != agency_id and joined <= day and (left is None or left >= day)
            ]
            plans.append((kind, str(pk), is_open, sent, asked))
    _copy(
        connection.ops.quote_name(Circulation._meta.db_table),
        "document_type_id, document_id, title, owner_agency_id, body_id, circulated_by_id, "
        "message, circulated_at, deadline_at, remind_at, reminded_at, status, closed_at, "
        "withdrawn_reason, version",
        iter(circulations),
    )
    ids = {
        (kind, document): pk
        for pk, kind, document in Circulation.objects.values_list(
            "pk", "document_type_id", "document_id"
        )
    }
    recipients = []
    for kind, document, is_open, sent, asked in plans:
        for agency in asked:
            staff = people.get(agency)
            if not staff or rng.random() > (0.3 if is_open else 0.8):
                recipients.append(
                    (ids[(kind, document)], agency, "", None, None, 1, kind, document)
                )
                continue
            answer = rng.choice(["comments", "no_comment", "no_comment"])
            at = sent + datetime.timedelta(hours=rng.randint(2, 200))
            person = staff[rng.randrange(len(staff))].pk
            recipients.append(
                (ids[(kind, document)], agency, answer, at.isoformat(), person, 1, kind, document)
            )
    _copy(
        connection.ops.quote_name(Recipient._meta.db_table),
        "circulation_id, agency_id, answer, submitted_at, submitted_by_id, version, "
        "document_type_id, document_key",
        iter(recipients),
    )
    commenting = list(
        Recipient.objects.filter(answer="comments")
        .order_by("pk")
        .values_list(
            "pk",
            "submitted_at",
            "submitted_by_id",
            "circulation__status",
            "circulation__circulated_by_id",
        )  # fmt: skip
    )
    total = scale.of(scale.comments) if commenting else 0
    resolutions = ["adopted", "adopted_in_part", "not_adopted", "noted"]

    def comments():
        for n in range(total):
            recipient, at, author, status, owner = commenting[n % len(commenting)]
            resolution = rng.choice(resolutions) if status == "closed" else ""
            yield (
                recipient,
                f"Section {rng.choice('ABCDEF')}.{rng.randint(1, 9)}, p. {rng.randint(1, 40)}",
                rng.choice(["substantive", "editorial", "question"]),
                "Consider naming the survivor-informed services the applicant must provide.",
                author,
                (at - datetime.timedelta(minutes=n % 90)).isoformat(),
                resolution,
                "Outside the program's authority." if resolution == "not_adopted" else "",
                "Thank you; addressed in the final text." if resolution else "",
                owner if resolution else None,
                1,
            )

    _copy(
        connection.ops.quote_name(Comment._meta.db_table),
        "recipient_id, section, kind, text, author_id, created_at, resolution, "
        "resolution_reason, reply, resolved_by_id, version",
        comments(),
    )
    report.add("circulations", len(circulations))
    report.add("recipients", len(recipients))
    report.add("comments", total)


def _copy(table: str, columns: str, rows, batch: int = 100_000) -> None:
    """COPY rows into a table as CSV, a batch at a time; None is NULL, "" is empty text."""
    with connection.cursor() as cursor:
        while True:
            chunk = list(itertools.islice(rows, batch))
            if not chunk:
                return
            buffer = io.StringIO()
            csv.writer(buffer, quoting=csv.QUOTE_NOTNULL).writerows(chunk)
            buffer.seek(0)
            # The table and columns are the models' own, never input.
            cursor.cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer
            )  # nosec B608
