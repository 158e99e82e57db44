"""A deterministic, realistic data set of many years of the hub's use, for measuring speed at
scale (`manage.py generate_dataset --settings=bench.settings --years 15 --seed 1`,
docs/performance.md). It sits outside the core: it writes every feature's rows.

On top of the reference data (bodies and the PITF's agencies): components of the departments,
people of every agency, memberships of the committees and working groups, principals and
alternates handed over every few years, chairs and chair's office staff in terms, meetings with
their invitees, solicitations and proposed awards, their circulations for comment with the
agencies' answers and comments, and an audit log of field changes and events over the years. The
same seed and end date give the same rows. The bulk of the rows goes in with `bulk_create` in
batches; the largest tables (recipients, comments, the audit log) with PostgreSQL's COPY.

Every row keeps the rules the database and the services keep: memberships and principals never
overlap, every designation lies inside its agency's membership of the body, a person holds one
designation per body at a time."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
import random
import string
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

ONE_DAY = datetime.timedelta(days=1)
FIRST_NAMES = [
    "Avery",
    "Blake",
    "Casey",
    "Dana",
    "Elliot",
    "Finley",
    "Gray",
    "Harper",
    "Indy",
    "Jordan",
    "Kendall",
    "Logan",
    "Morgan",
    "Noel",
    "Oakley",
    "Parker",
    "Quinn",
    "Riley",
    "Sage",
    "Taylor",
    "Umber",
    "Val",
    "Wren",
    "Yael",
    "Zion",
]
LAST_NAMES = [
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jones",
    "Khan",
    "Lopez",
    "Martin",
    "Nguyen",
    "Ortiz",
    "Patel",
    "Quinlan",
    "Rossi",
    "Singh",
    "Torres",
    "Uddin",
    "Vega",
    "Walsh",
    "Xu",
    "Young",
    "Zhang",
]
EVENT_ACTIONS = (
    ["user.login"] * 12
    + ["user.logout"] * 6
    + ["user.login_failed"] * 2
    + ["permission.denied", "invitation.sent", "designation.made", "meeting.scheduled"]
    + ["notification.failed", "user.mfa_added", "membership.joined", "office.appointed"]
)


@dataclass
class Scale:
    """How much of each thing to make; `factor` shrinks them all (tests use a small one)."""

    agencies: int = 60
    people: int = 3_000
    audit_entries: int = 1_000_000
    meetings: int = 600
    solicitations: int = 5_000
    awards: int = 20_000
    comments: int = 100_000
    factor: float = 1.0

    def of(self, count: int, least: int = 1) -> int:
        return max(least, round(count * self.factor))


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + count


def _terms(start: datetime.date, end: datetime.date, rng: random.Random, years=(2, 4)):
    """Back-to-back terms from `start` to `end` (the last one open), each a few years long."""
    terms, begin = [], start
    while begin <= end:
        length = datetime.timedelta(days=365 * rng.randint(*years) + rng.randint(-60, 60))
        finish = begin + length
        if finish >= end:
            terms.append((begin, None))
            break
        terms.append((begin, finish))
        begin = finish + ONE_DAY
    return terms


def _uei(rng: random.Random) -> str:
    from grants.models import UEI_ALPHABET, uei_check_character

    letters = sorted(UEI_ALPHABET - set(string.digits))
    alphabet = sorted(UEI_ALPHABET)
    while True:
        body = rng.choice(letters) + "".join(rng.choice(alphabet) for _ in range(10))
        if not any(body[i : i + 9].isdigit() for i in range(3)):
            return body + uei_check_character(body)


def generate(*, years: int, seed: int, until: datetime.date, scale: Scale) -> Report:
    """Make the data set in one transaction (all or nothing); the reference data must be
    loaded. Refuses a database that already holds one."""
    from pitf.models import User

    if User.objects.filter(email__regex=r"\.[0-9]{5}@").exists():
        raise ValueError("This database already holds a data set; make it in a fresh one.")
    with transaction.atomic():
        return _generate(years=years, seed=seed, until=until, scale=scale)


def _generate(*, years: int, seed: int, until: datetime.date, scale: Scale) -> Report:
    from pitf.models import Agency, Body, Membership

    rng = random.Random(seed)  # nosec B311  (repeatable sample data, nothing secret)
    report = Report()
    start = datetime.date(until.year - years + 1, 1, 1)
    agencies = _agencies(rng, scale, report)
    people = _people(rng, scale, agencies, until, report)
    bodies = list(Body.objects.order_by("pk"))
    _memberships(rng, bodies, agencies, start, report)
    memberships = list(Membership.objects.select_related("body", "agency").order_by("pk"))
    _designations(rng, memberships, people, start, until, report)
    _offices(rng, bodies, people, start, until, report)
    _meetings(rng, scale, bodies, people, start, until, report)
    _grants(rng, scale, [a for a in agencies if a.active], people, start, until, report)
    _circulations(rng, scale, people, until, report)
    _audit_log(rng, scale, people, start, until, report)
    report.add("agencies in all", Agency.objects.count())
    return report


def _agencies(rng, scale, report):
    from pitf.models import Agency

    departments = list(Agency.objects.filter(parent__isnull=True).order_by("pk"))
    missing = max(0, scale.of(scale.agencies) - Agency.objects.count())
    components = []
    for n in range(missing):
        parent = departments[n % len(departments)]
        components.append(
            Agency(
                name=f"{parent.name}, Office {n + 1:03}",
                acronym=f"{parent.acronym[:8]}-{n + 1:03}",
                parent=parent,
                kind=Agency.Kind.COMPONENT,
                website=f"https://www.example.gov/{parent.acronym.lower()}/{n + 1:03}",
            )
        )
    with transaction.atomic():
        Agency.objects.bulk_create(components, batch_size=1_000)
    report.add("agencies", len(components))
    return list(Agency.objects.order_by("pk"))


def _people(rng, scale, agencies, until, report):
    from pitf.models import User

    people = []
    for n in range(scale.of(scale.people, least=len(agencies) * 6)):
        agency = agencies[n % len(agencies)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person = User(
            email=f"{first}.{last}.{n:05}@{agency.acronym.lower()}.example.gov",
            full_name=f"{first} {last}",
            job_title=rng.choice(["Program analyst", "Senior advisor", "Grants officer", ""]),
            agency=agency,
            is_active=rng.random() > 0.05,
            date_joined=timezone.make_aware(
                datetime.datetime.combine(until - ONE_DAY * rng.randint(0, 5000), datetime.time())
            ),
        )
        person.set_unusable_password()
        people.append(person)
    with transaction.atomic():
        User.objects.bulk_create(people, batch_size=1_000)
    report.add("people", len(people))
    by_agency: dict[int, list] = {}
    for person in User.objects.filter(is_active=True, agency__isnull=False).order_by("pk"):
        by_agency.setdefault(person.agency_id, []).append(person)
    return by_agency


def _memberships(rng, bodies, agencies, start, report):
    """Bodies with no members yet (committees, working groups) get a share of the agencies."""
    from pitf.models import Membership

    new = []
    for body in bodies:
        if Membership.objects.filter(body=body).exists():
            continue
        begin = max(body.established or start, start)
        for agency in rng.sample(agencies, k=min(len(agencies), rng.randint(6, 15))):
            joined = begin + ONE_DAY * rng.randint(0, 700)
            left = body.sunset
            if left is None and rng.random() < 0.15:
                left = joined + ONE_DAY * rng.randint(400, 2500)
            if left is not None and left < joined:
                continue
            new.append(
                Membership(
                    agency=agency,
                    body=body,
                    status=rng.choice([Membership.Status.MEMBER] * 4 + [Membership.Status.INVITED]),
                    start_date=joined,
                    end_date=left,
                )
            )
    with transaction.atomic():
        Membership.objects.bulk_create(new, batch_size=1_000)
    report.add("memberships", len(new))


def _designations(rng, memberships, people, start, until, report):
    """For each membership: principals handed over every few years, and up to two alternates,
    each person of the agency used once per body."""
    from pitf.models import Designation

    rows, used = [], set()
    for membership in memberships:
        pool = [
            p
            for p in people.get(membership.agency_id, [])
            if (p.pk, membership.body_id) not in used
        ]
        rng.shuffle(pool)
        begin = max(membership.start_date, start)
        end = min(membership.end_date or until, until)
        if begin > end:
            continue
        for role, seats in ((Designation.Role.PRINCIPAL, 1), (Designation.Role.ALTERNATE, 2)):
            for _ in range(seats if role == Designation.Role.PRINCIPAL else rng.randint(0, seats)):
                for term_start, term_end in _terms(begin, end, rng):
                    if not pool:
                        break
                    person = pool.pop()
                    used.add((person.pk, membership.body_id))
                    last = term_end if term_end is not None else membership.end_date
                    rows.append(
                        Designation(
                            person=person,
                            agency_id=membership.agency_id,
                            body_id=membership.body_id,
                            role=role,
                            start_date=term_start,
                            end_date=last,
                        )
                    )
    with transaction.atomic():
        Designation.objects.bulk_create(rows, batch_size=2_000)
    report.add("designations", len(rows))


def _offices(rng, bodies, people, start, until, report):
    from pitf.models import BodyRole

    rows = []
    everyone = [person for group in people.values() for person in group]
    for body in bodies:
        if BodyRole.objects.filter(body=body).exists():
            continue
        begin = max(body.established or start, start)
        end = min(body.sunset or until, until)
        pool = people.get(body.chair_agency_id) or everyone
        for term_start, term_end in _terms(begin, end, rng, years=(2, 3)):
            last = term_end if term_end is not None else body.sunset
            rows.append(
                BodyRole(
                    person=rng.choice(pool),
                    body=body,
                    role=BodyRole.Role.CHAIR,
                    start_date=term_start,
                    end_date=last,
                )
            )
            for person in rng.sample(pool, k=min(2, len(pool))):
                rows.append(
                    BodyRole(
                        person=person,
                        body=body,
                        role=BodyRole.Role.CHAIRS_OFFICE,
                        start_date=term_start,
                        end_date=last,
                    )
                )
    with transaction.atomic():
        BodyRole.objects.bulk_create(rows, batch_size=1_000)
    report.add("body roles", len(rows))


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
                recipients.append((ids[(kind, document)], agency, "", None, None, 1))
                continue
            answer = rng.choice(["comments", "no_comment", "no_comment"])
            at = sent + datetime.timedelta(hours=rng.randint(2, 200))
            person = staff[rng.randrange(len(staff))].pk
            recipients.append((ids[(kind, document)], agency, answer, at.isoformat(), person, 1))
    _copy(
        connection.ops.quote_name(Recipient._meta.db_table),
        "circulation_id, agency_id, answer, submitted_at, submitted_by_id, version",
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


def _audit_log(rng, scale, people, start, until, report):
    """Half explicit events, half field changes of people, spread over the years, by COPY."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from pitf.models import AuditEvent, User

    everyone = [person for group in people.values() for person in group]
    total = scale.of(scale.audit_entries, least=2)
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    seconds = int(
        (
            timezone.make_aware(datetime.datetime.combine(until, datetime.time())) - first
        ).total_seconds()
    )
    user_type = ContentType.objects.get_for_model(User).pk
    event_table = connection.ops.quote_name(AuditEvent._meta.db_table)
    change_table = connection.ops.quote_name(LogEntry._meta.db_table)
    events = (
        (
            rng.choice(EVENT_ACTIONS),
            (person := everyone[rng.randrange(len(everyone))]).pk,
            person.email,
            "pitf.user",
            str(person.pk),
            person.full_name,
            f"10.{n % 250}.{n % 199}.{n % 97}",
            "/my/",
            json.dumps({"n": n}),
            (first + datetime.timedelta(seconds=rng.randrange(seconds))).isoformat(),
        )
        for n in range(total // 2)
    )
    changes = (
        (
            user_type,
            str((person := everyone[rng.randrange(len(everyone))]).pk),
            person.pk,
            person.full_name,
            1,
            "",
            json.dumps({"job_title": ["Program analyst", "Senior advisor"]}),
            (actor := everyone[rng.randrange(len(everyone))]).pk,
            actor.email,
            (first + datetime.timedelta(seconds=rng.randrange(seconds))).isoformat(),
        )
        for _ in range(total - total // 2)
    )
    with transaction.atomic():
        _copy(
            event_table,
            "action, actor_id, actor_email, target_type, target_id, target_label, ip_address, "
            "path, data, created_at",
            events,
        )
        _copy(
            change_table,
            "content_type_id, object_pk, object_id, object_repr, action, changes_text, changes, "
            "actor_id, actor_email, timestamp",
            changes,
        )
    report.add("audit-log entries", total)
