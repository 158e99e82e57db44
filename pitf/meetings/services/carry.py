"""What a meeting carries into the body's next one: its agenda items marked "carry over", and
its action items still open, each put on the next meeting's draft agenda with a link back to
where it came from. It happens when the next meeting is scheduled, and when an item is marked or
an action item recorded while the next meeting is already scheduled. Each is carried once, into
the first meeting that receives it; there the chair's office marks it "carry over" again to
take it further."""

from __future__ import annotations

from django.db.models import Max

from pitf.meetings.models import ActionItem, AgendaItem, Meeting
from pitf.meetings.workflows import MEETING, SCHEDULED


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The body's next meeting after this one that has not begun (None if there is none)."""
    candidate = (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
        .first()
    )
    if candidate is None or MEETING.state(candidate) != SCHEDULED:
        return None
    return candidate


def previous_meeting_before(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at", "-pk")
        .first()
    )


def carry_over_into(meeting: Meeting) -> int:
    """Put on the meeting's agenda (last, in order) what it has not received yet: the items of
    the body's previous meeting marked "carry over", and the open action items of its earlier
    meetings, each not carried anywhere yet. Returns how many items were added."""
    if MEETING.state(meeting) != SCHEDULED:
        return 0
    here = meeting.agenda_items.all()
    carried = AgendaItem.objects.all()
    have_items = carried.exclude(carried_from=None).values("carried_from_id")
    have_actions = carried.exclude(carried_action=None).values("carried_action_id")
    previous = previous_meeting_before(meeting)
    marked = (
        list(
            previous.agenda_items.filter(
                status=AgendaItem.Status.ACCEPTED, carry_over=True
            ).exclude(pk__in=have_items)
        )
        if previous is not None
        else []
    )
    open_actions = list(
        ActionItem.objects.filter(
            meeting__body_id=meeting.body_id,
            meeting__starts_at__lt=meeting.starts_at,
            status__in=ActionItem.OPEN_STATUSES,
        )
        .exclude(pk__in=have_actions)
        .select_related("owner_agency", "meeting")
        .order_by("due_date", "pk")
    )
    position = (
        here.filter(status=AgendaItem.Status.ACCEPTED).aggregate(last=Max("position"))["last"] or 0
    )
    added = []
    for item in marked:
        position += 1
        added.append(
            AgendaItem(
                meeting=meeting,
                position=position,
                title=item.title,
                description=item.description,
                kind=item.kind,
                minutes=item.minutes,
                presenter_agency_id=item.presenter_agency_id,
                presenter_id=item.presenter_id,
                status=AgendaItem.Status.ACCEPTED,
                proposed_by_id=item.proposed_by_id,
                carried_from=item,
            )
        )
    for action in open_actions:
        position += 1
        added.append(
            AgendaItem(
                meeting=meeting,
                position=position,
                title=f"Action item: {action.title} ({action.owner_agency.acronym})"[:200],
                kind=AgendaItem.Kind.INFORMATION,
                presenter_agency_id=action.owner_agency_id,
                status=AgendaItem.Status.ACCEPTED,
                proposed_by_id=action.created_by_id,
                carried_action=action,
            )
        )
    AgendaItem.objects.bulk_create(added)
    return len(added)


def carry_over_from(meeting: Meeting) -> int:
    """After something of this meeting is marked to carry over: into the body's next meeting,
    if it is scheduled."""
    following = next_meeting_after(meeting)
    return carry_over_into(following) if following is not None else 0
