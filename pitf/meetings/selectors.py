"""Reads of meetings: who should be invited, who may see a meeting, the lists and the answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from pitf.meetings import plan
from pitf.meetings.models import Invitee, Meeting
from pitf.models import Agency, Body, BodyRole, Designation, Membership, Notification, User
from pitf.notifications.services import notifications_about
from pitf.roles import Roles


@dataclass(frozen=True)
class Expected:
    """Someone the meeting's body puts on its list on the meeting's date, and why."""

    person: User
    agency: Agency | None
    source: str


def expected_invitees(meeting: Meeting) -> list[Expected]:
    """The designated principals and alternates of the body's member and invited agencies on the
    meeting's date, then its chair and chair's office (two queries)."""
    day = meeting.local_start.date()
    agencies = Membership.objects.filter(body=meeting.body).current_on(day).values("agency_id")
    designations = (
        Designation.objects.filter(
            body=meeting.body, agency_id__in=agencies, person__is_active=True
        )
        .current_on(day)
        .select_related("person", "agency")
        .order_by("agency__name", "role")
    )
    offices = (
        BodyRole.objects.filter(body=meeting.body, person__is_active=True)
        .current_on(day)
        .select_related("person", "person__agency")
        .order_by("role")
    )
    expected: dict[int, Expected] = {}
    for designation in designations:
        expected.setdefault(
            designation.person_id,
            Expected(designation.person, designation.agency, designation.role),
        )
    for office in offices:
        source = (
            Invitee.Source.CHAIR
            if office.role == BodyRole.Role.CHAIR
            else Invitee.Source.CHAIRS_OFFICE
        )
        expected.setdefault(office.person_id, Expected(office.person, office.person.agency, source))
    return list(expected.values())


def manages_meetings_of(roles: Roles, body_id: int) -> bool:
    """The chair's office of a body (and site administrators) schedule and change its meetings."""
    return roles.site_admin or body_id in roles.chairs_office_of


def belongs_to_body(user: User, roles: Roles, body_id: int) -> bool:
    """Whether the person is of the body today: its chair or chair's office, or staff of one of
    its member or invited agencies."""
    if roles.site_admin or body_id in roles.chairs_office_of or body_id in roles.chair_of:
        return True
    if user.agency_id is None:
        return False
    return (
        Membership.objects.filter(body_id=body_id, agency_id=user.agency_id)
        .current_on(timezone.localdate())
        .exists()
    )


def body_for_meetings(*, user: User, roles: Roles, pk: int) -> Body:
    """A body whose meetings the person may see; 404 for anyone outside it."""
    body = Body.objects.filter(pk=pk).first()
    if body is None or not belongs_to_body(user, roles, body.pk):
        raise Http404("No such body.")
    return body


def meeting_for(*, user: User, roles: Roles, pk: int) -> Meeting:
    """A meeting the person may see (the people on its list and the people of its body); 404
    otherwise, to a person taken off the list too: the meeting's dial-in, link and notes are for
    the people on it."""
    meeting = Meeting.objects.select_related("body", "scheduled_by").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    if belongs_to_body(user, roles, meeting.body_id):
        return meeting
    if meeting.invitees.filter(person=user, removed_at__isnull=True).exists():
        return meeting
    raise Http404("No such meeting.")


def invitees_of(meeting: Meeting) -> list[Invitee]:
    """Everyone on the list (removed people last), with their agencies (one query)."""
    return list(
        meeting.invitees.select_related("person", "agency", "alternate").order_by(
            "removed_at", "agency__name", "person__full_name"
        )
    )


@dataclass(frozen=True)
class AgencyAnswer:
    agency: Agency
    status: str  # "member" | "invited"
    represented: bool  # someone of it will attend (see `represented`)
    answered: bool
    invitees: list[Invitee]


ATTENDING = (Invitee.Response.IN_PERSON, Invitee.Response.REMOTELY)


def represented(people: list[Invitee]) -> bool:
    """Whether an agency will be represented, from its people on the list: one of them attends,
    or one sends an alternate who has not declined (the alternate need not answer first)."""
    declined = {i.person_id for i in people if i.response == Invitee.Response.NOT_ATTENDING}
    return any(
        i.response in ATTENDING
        or (
            i.response == Invitee.Response.SENDING_ALTERNATE
            and i.alternate_id is not None
            and i.alternate_id not in declined
        )
        for i in people
    )


@dataclass(frozen=True)
class AgencyCounts:
    """The sentence above the agencies' table, counted from its rows."""

    agencies: int
    represented: int
    answered: int


def agency_counts(answers: list[AgencyAnswer]) -> AgencyCounts:
    return AgencyCounts(
        agencies=len(answers),
        represented=sum(1 for a in answers if a.represented),
        answered=sum(1 for a in answers if a.answered),
    )


def answers_by_agency(meeting: Meeting, invitees: list[Invitee]) -> list[AgencyAnswer]:
    """Per member and invited agency of the body on the meeting's date: whether it will be
    represented and whether anyone of it has answered (one query beyond `invitees`)."""
    day = meeting.local_start.date()
    memberships = (
        Membership.objects.filter(body=meeting.body)
        .current_on(day)
        .select_related("agency")
        .order_by("agency__name")
    )
    by_agency: dict[int, list[Invitee]] = {}
    for invitee in invitees:
        if invitee.agency_id and invitee.on_list:
            by_agency.setdefault(invitee.agency_id, []).append(invitee)
    answers = []
    for membership in memberships:
        people = by_agency.get(membership.agency_id, [])
        answers.append(
            AgencyAnswer(
                agency=membership.agency,
                status=membership.status,
                represented=represented(people),
                answered=any(i.response for i in people),
                invitees=people,
            )
        )
    return answers


# Past meetings shown when no year is chosen; earlier ones are found by year.
RECENT_PAST = 12


def meetings_of_body(*, body: Body, year: int | None = None) -> tuple[list, list]:
    """(upcoming, past) meetings of a body, each with its count of invitees and answers: a
    year's, or, with no year chosen, all upcoming and the RECENT_PAST most recent past ones
    (fifteen years of a body's history is found a year at a time)."""
    meetings = Meeting.objects.filter(body=body).annotate(
        invited=Count("invitees", filter=Q(invitees__removed_at__isnull=True)),
        answered=Count(
            "invitees", filter=Q(invitees__removed_at__isnull=True) & ~Q(invitees__response="")
        ),
    )
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    now = timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at")
    return upcoming, list(past if year is not None else past[: RECENT_PAST + 1])


def meetings_of_person(*, user: User) -> QuerySet[Invitee]:
    """The person's invitations (not those they were taken off), with their meetings."""
    return (
        Invitee.objects.filter(person=user, removed_at__isnull=True)
        .select_related("meeting", "meeting__body")
        .order_by("meeting__starts_at")
    )


def upcoming_lists_of(person: User) -> list[str]:
    """What deactivating `person` does to meetings, in words (the confirmation page's)."""
    count = (
        meetings_of_person(user=person)
        .filter(meeting__starts_at__gt=timezone.now(), meeting__status=Meeting.Status.SCHEDULED)
        .count()
    )
    if not count:
        return []
    lists = (
        "the list of the upcoming meeting"
        if count == 1
        else f"the lists of {count} upcoming meetings"
    )
    return [
        f"They will be taken off {lists} they are invited to, without a notice, and no reminder "
        "will be sent to them. The answer links of their invitations stop working."
    ]


def next_meetings_of_person(*, user: User, limit: int = 3) -> list[Invitee]:
    return list(
        meetings_of_person(user=user).filter(
            meeting__ends_at__gte=timezone.now(), meeting__status=Meeting.Status.SCHEDULED
        )[:limit]
    )


def meeting_day(meeting: Meeting) -> datetime.date:
    return meeting.local_start.date()


def people_to_invite(meeting: Meeting) -> QuerySet[User]:
    """Active people not on the meeting's list, to invite by hand (one query)."""
    return (
        User.objects.filter(is_active=True)
        .exclude(meeting_invitations__meeting=meeting, meeting_invitations__removed_at=None)
        .select_related("agency")
        .order_by("full_name")
    )


def year_plan(*, body: Body, fiscal_year: int, today: datetime.date) -> list[tuple]:
    """The plan's windows for the fiscal year, each as (slot, proposed day, meeting already
    scheduled in it). A window with a meeting, or with no business day left, offers no day."""
    slots = plan.slots_of(body, fiscal_year)
    if not slots:
        return []
    first, last = plan.fiscal_year_bounds(fiscal_year)
    scheduled = list(
        Meeting.objects.filter(body=body, status=Meeting.Status.SCHEDULED).filter(
            starts_at__date__gte=first - datetime.timedelta(days=1),
            starts_at__date__lte=last + datetime.timedelta(days=1),
        )
    )
    rows = []
    for slot in slots:
        held = next((m for m in scheduled if m.local_start.date() in slot), None)
        rows.append((slot, None if held else plan.propose(slot, today=today), held))
    return rows


def notice_of(meeting: Meeting, pk: int) -> Notification:
    """One notice sent about the meeting; 404 for any other."""
    notice = notifications_about(meeting).filter(pk=pk).first()
    if notice is None:
        raise Http404("No such notice about this meeting.")
    return notice


def meetings_of_person_in_month(*, user: User, year: int, month: int) -> dict:
    """The person's invitations in a month, by the day each meeting starts in its own time
    zone (one query)."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    # A day's margin either side: a meeting's own zone may put it in the neighbouring month.
    rows = meetings_of_person(user=user).filter(
        meeting__starts_at__date__gte=first - datetime.timedelta(days=1),
        meeting__starts_at__date__lt=following + datetime.timedelta(days=1),
    )
    by_day: dict[datetime.date, list[Invitee]] = {}
    for invitee in rows:
        day = invitee.meeting.local_start.date()
        if first <= day < following:
            by_day.setdefault(day, []).append(invitee)
    return by_day


@dataclass(frozen=True)
class BodyOutlook:
    """One body on the chair's office's dashboard: its next meetings with their answers."""

    body: Body
    meetings: list


def dashboard_of(roles: Roles, *, per_body: int = 3) -> list[BodyOutlook]:
    """The bodies whose meetings the person manages (every body, for a site administrator), each
    with its next scheduled meetings and their counts of answers (two queries)."""
    bodies = Body.objects.order_by("name")
    if not roles.site_admin:
        bodies = bodies.filter(pk__in=roles.chairs_office_of)
    bodies = list(bodies)
    on_list = Q(invitees__removed_at__isnull=True)
    upcoming = (
        Meeting.objects.filter(
            body__in=bodies, status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now()
        )
        .annotate(
            invited=Count("invitees", filter=on_list),
            attending=Count(
                "invitees",
                filter=on_list
                & Q(
                    invitees__response__in=[
                        Invitee.Response.IN_PERSON,
                        Invitee.Response.REMOTELY,
                    ]
                ),
            ),
            alternates=Count(
                "invitees",
                filter=on_list & Q(invitees__response=Invitee.Response.SENDING_ALTERNATE),
            ),
            declined=Count(
                "invitees", filter=on_list & Q(invitees__response=Invitee.Response.NOT_ATTENDING)
            ),
            unanswered=Count("invitees", filter=on_list & Q(invitees__response="")),
            row=Window(RowNumber(), partition_by=F("body_id"), order_by=F("starts_at").asc()),
        )
        .filter(row__lte=per_body)
        .order_by("body_id", "starts_at")
    )
    by_body: dict[int, list[Meeting]] = {}
    for meeting in upcoming if bodies else []:
        by_body.setdefault(meeting.body_id, []).append(meeting)
    return [BodyOutlook(body, by_body.get(body.pk, [])) for body in bodies]
