"""Reads of circulation for comment, with who may see what: a circulation is seen by the owner
agency, the recipient agencies and those who oversee its kind of document (the chair and chair's
office of the body the kind names, and site administrators); an agency's draft answer only by
that agency; a submitted answer by the owner, the commenting agency and the overseers, never by
other recipient agencies. Anything else answers 404."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from pitf import workdays
from pitf.circulation import kinds
from pitf.circulation.models import Circulation, Comment, Contact, Delegate, Recipient
from pitf.models import Agency, Body, Designation, Membership, User
from pitf.roles import Roles, acts_for


@dataclass(frozen=True)
class Standing:
    """What one person is to one circulation."""

    owner: bool  # acts for the owner agency (pitf.roles.acts_for)
    recipient: Recipient | None  # their agency's row, if it was asked
    oversight: bool  # oversees the document's kind (pitf.circulation.kinds.oversees)

    @property
    def sees_all_answers(self) -> bool:
        return self.owner or self.oversight


def standing_of(user: User, roles: Roles, circulation: Circulation) -> Standing:
    recipient = None
    if user.agency_id is not None:
        recipient = (
            circulation.recipients.filter(agency_id=user.agency_id).select_related("agency").first()
        )
    owner = acts_for(user, circulation.owner_agency_id)
    oversight = kinds.oversees(roles, kinds.kind_of(circulation.document_type_id))
    return Standing(owner=owner, recipient=recipient, oversight=oversight)


def circulation_for(*, user: User, roles: Roles, pk: int) -> tuple[Circulation, Standing]:
    """A circulation the person may see, with their standing; 404 for anyone else."""
    circulation = (
        Circulation.objects.select_related("owner_agency", "body", "circulated_by")
        .filter(pk=pk)
        .first()
    )
    if circulation is None:
        raise Http404("No such circulation.")
    standing = standing_of(user, roles, circulation)
    if not (standing.owner or standing.oversight or standing.recipient is not None):
        raise Http404("No such circulation.")
    return circulation, standing


def answers_of(circulation: Circulation) -> list[Recipient]:
    """Every recipient agency with its answer and, if submitted, its comments (two queries):
    the consolidated view of the owner and the overseers."""
    submitted = Comment.objects.filter(recipient__submitted_at__isnull=False).select_related(
        "resolved_by"
    )
    return list(
        circulation.recipients.select_related("agency", "submitted_by").prefetch_related(
            Prefetch("comments", queryset=submitted, to_attr="submitted_comments")
        )
    )


def draft_of(recipient: Recipient) -> list[Comment]:
    """The agency's own comments, drafted or submitted (only that agency sees a draft)."""
    return list(recipient.comments.select_related("author", "resolved_by"))


def comment_for(*, circulation: Circulation, standing: Standing, pk: int) -> Comment:
    """A comment the person may see: their own agency's, or a submitted one if they see every
    answer; 404 otherwise."""
    comment = (
        Comment.objects.select_related("recipient", "recipient__agency", "recipient__circulation")
        .filter(pk=pk, recipient__circulation=circulation)
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    own = standing.recipient is not None and comment.recipient_id == standing.recipient.pk
    if own or (standing.sees_all_answers and comment.recipient.submitted):
        return comment
    raise Http404("No such comment.")


class OpenRequest(NamedTuple):
    """A comment request open for an agency, as the lists show it."""

    circulation_id: int
    title: str
    owner: str  # the circulating agency's acronym
    deadline_at: datetime.datetime
    answer: str  # the agency's answer in words, or "" before it submits
    submitted: bool


def requests_for_agency(agency_id: int | None, limit: int | None = None) -> list[OpenRequest]:
    """The comment requests open for an agency, soonest deadline first (the first `limit`):
    what the lists show of each, read as values, not as three model instances a row."""
    if agency_id is None:
        return []
    rows = (
        Recipient.objects.filter(agency_id=agency_id, circulation__status=Circulation.Status.OPEN)
        .order_by("circulation__deadline_at", "pk")
        .values_list(
            "circulation_id",
            "circulation__title",
            "circulation__owner_agency__acronym",
            "circulation__deadline_at",
            "answer",
            "submitted_at",
        )
    )
    answers = dict(Recipient.Answer.choices)
    return [
        OpenRequest(
            pk, title, owner, deadline_at, answers.get(answer, answer), submitted_at is not None
        )
        for pk, title, owner, deadline_at, answer, submitted_at in rows[:limit]
    ]


def _recipients_counted(**conditions) -> Coalesce:
    recipients = Recipient.objects.filter(circulation=OuterRef("pk"), **conditions)
    counted = recipients.order_by().values("circulation").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def circulations_of_agency(agency_id: int | None) -> QuerySet[Circulation]:
    """An agency's own circulations, newest first, with their answers counted: a query set,
    to be sliced or paged, whose counts are read for the rows it returns only."""
    if agency_id is None:
        return Circulation.objects.none()
    return (
        Circulation.objects.filter(owner_agency_id=agency_id)
        .annotate(
            asked=_recipients_counted(),
            answered=_recipients_counted(submitted_at__isnull=False),
        )
        .order_by("-circulated_at", "-pk")
    )


def contacts_of(agency_id: int) -> tuple[list[tuple], list]:
    """An agency's contacts, list by list as the document kinds declare them ((ContactList,
    rows) each), and its delegates (two queries)."""
    rows = list(Contact.objects.filter(agency_id=agency_id).select_related("person", "added_by"))
    contacts = [
        (listed, [row for row in rows if row.topic == listed.topic])
        for listed in kinds.contact_lists()
    ]
    delegates = list(
        Delegate.objects.filter(agency_id=agency_id)
        .select_related("person", "named_by")
        .order_by("person__full_name")
    )
    return contacts, delegates


def staff_of(agency_id: int):
    return User.objects.filter(agency_id=agency_id, is_active=True).select_related("agency")


# Who a circulation reaches -------------------------------------------------------------------


def people_to_write(circulation: Circulation, agency_ids: list[int]) -> dict[int, list[User]]:
    """For each recipient agency: its designated representatives in the circulation's body today
    and the contacts its document's kind writes to, each person once (two queries)."""
    kind = kinds.kind_of(circulation.document_type_id)
    return receivers_in(circulation.body_id, agency_ids, kind)


def _representatives_and(body_id: int, agency_ids: list[int], named) -> dict[int, list[User]]:
    """For each agency: its active representatives designated in `body_id` today and the
    active staff on its list `named` (a query set of Contact or Delegate rows, or None), each
    person once (two queries). Only rows of the person's current agency count."""
    today = workdays.today_in_washington()
    people: dict[int, dict[int, User]] = {agency_id: {} for agency_id in agency_ids}
    designations = (
        Designation.objects.filter(body_id=body_id).current_on(today).select_related("person")
    )
    lists = [designations] if named is None else [designations, named.select_related("person")]
    for rows in lists:
        current = rows.filter(
            agency_id__in=agency_ids, person__is_active=True, person__agency_id=F("agency_id")
        )
        for row in current:
            people[row.agency_id][row.person_id] = row.person
    return {agency_id: list(found.values()) for agency_id, found in people.items()}


def receivers_in(
    body_id: int, agency_ids: list[int], kind: kinds.DocumentKind
) -> dict[int, list[User]]:
    """Who is written to for each agency when a document of `kind` is circulated to
    `body_id`'s members: its representatives designated in that body today and the contacts the
    kind writes to."""
    contacts = (
        Contact.objects.filter(topic=kind.contacts.topic) if kind.contacts is not None else None
    )
    return _representatives_and(body_id, agency_ids, contacts)


def submitters_in(body_id: int, agency_ids: list[int]) -> dict[int, list[User]]:
    """Who may submit each agency's answer to a circulation in `body_id`: its representatives
    designated in that body today and the delegates they named."""
    return _representatives_and(body_id, agency_ids, Delegate.objects.all())


@dataclass(frozen=True)
class Reach:
    """Who hears of a circulation at an agency, and who may answer for it."""

    agency: Agency
    receivers: list[User]
    submitters: list[User]


def reach_of(body_id: int, agencies: list[Agency], kind: kinds.DocumentKind) -> list[Reach]:
    """For each agency: who is written to of a document of `kind` and who may submit its
    answer (four queries)."""
    ids = [agency.pk for agency in agencies]
    receivers, submitters = receivers_in(body_id, ids, kind), submitters_in(body_id, ids)
    return [Reach(a, receivers[a.pk], submitters[a.pk]) for a in agencies]


def members_reach(body: Body, owner_id: int, kind: kinds.DocumentKind) -> list[Reach]:
    """The reach of a circulation to `body`'s member agencies today, the owner left out."""
    agencies = list(
        Agency.objects.filter(
            pk__in=Membership.objects.filter(body=body, status=Membership.Status.MEMBER)
            .current_on(workdays.today_in_washington())
            .values("agency_id"),
            active=True,
        )
        .exclude(pk=owner_id)
        .order_by("name")
    )
    return reach_of(body.pk, agencies, kind)
