"""The permission matrix of docs/permissions.md, tested as written: every row (a URL name) for
every role (the keys of the `people` fixture) is requested as that person and must be allowed,
refused (403) or sent to the login page as the document says. The document must name every
URL of the project, so the document and the code cannot drift. Object-level rules (one's own
agency only) follow as tests of their own."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from pitf.meetings.models import Invitee, Meeting
from pitf.models import (
    Agency,
    Body,
    BodyRole,
    Designation,
    Invitation,
    Membership,
    Notification,
    User,
    WorkerHeartbeat,
)
from pitf.permissions import ADMIN_NAMESPACE
from tests.conftest import ROLES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"
HEADER = (
    "| URL name | example path | anonymous | staff | observer | representative | chair "
    "| chairs_office | site_admin |"
)
CELLS = {"allow", "deny", "login", "hidden", "redirect", "unauthorized"}
ADMIN_ROW = f"{ADMIN_NAMESPACE}:*"
LOGIN_PATH = resolve_url(settings.LOGIN_URL)


# Reading the document ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str
    expected: dict[str, str]
    line: int
    # A POST's form, URL-encoded after the path (`POST /path/ person={user:dhs_staff}`).
    data: str = ""


def _cells(line: str) -> list[str]:
    return [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]


def read_matrix(text: str) -> list[Row]:
    """Every row of every table with the matrix header, in document order."""
    rows, in_table = [], False
    roles = _cells(HEADER)[2:]
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == HEADER:
            in_table = True
            continue
        if not in_table:
            continue
        if not line.strip().startswith("|"):
            in_table = False
            continue
        cells = _cells(line)
        if all(set(cell) <= set("-: ") for cell in cells):
            continue  # the line under the header
        if len(cells) != len(roles) + 2:
            raise AssertionError(f"docs/permissions.md:{number}: expected {len(roles) + 2} cells")
        name, example = cells[0], cells[1]
        method, path = ("POST", example[5:]) if example.startswith("POST ") else ("GET", example)
        path, _, data = path.partition(" ")
        expected = dict(zip(roles, cells[2:], strict=True))
        unknown = set(expected.values()) - CELLS
        if unknown:
            raise AssertionError(f"docs/permissions.md:{number}: unknown cell(s) {unknown}")
        rows.append(
            Row(name=name, method=method, path=path, expected=expected, line=number, data=data)
        )
    return rows


MATRIX = read_matrix(DOC.read_text(encoding="utf-8")) if DOC.exists() else []

# The role a page is looked at as, by the accessibility walk and the query budgets: the site
# administrator sees the most (every button and table), so where they may open a page, they do.
VIEWER_PREFERENCE = ("site_admin", *[role for role in ROLES if role != "site_admin"])


def viewer(row: Row) -> str | None:
    return next((role for role in VIEWER_PREFERENCE if row.expected[role] == "allow"), None)


def page_rows() -> list[Row]:
    """The rows of pages someone may open: a GET, not the Django admin, allowed to someone."""
    return [row for row in MATRIX if row.method == "GET" and row.name != ADMIN_ROW and viewer(row)]


def test_the_document_exists():
    assert DOC.exists(), "docs/permissions.md is the permission matrix; write it"


def test_the_matrix_has_the_roles_of_the_people_fixture():
    assert tuple(_cells(HEADER)[2:]) == ROLES


def test_the_matrix_is_not_empty_and_gives_each_example_once():
    """A URL may have several rows (who may manage whom: one per person acted on), each with
    its own example."""
    examples = [(row.name, row.path) for row in MATRIX]
    assert len(examples) > 50
    duplicates = {example for example in examples if examples.count(example) > 1}
    assert not duplicates, f"given twice in docs/permissions.md: {sorted(duplicates)}"


# Every URL of the project is in the document -----------------------------------------------


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def project_url_names() -> set[str]:
    """Every named URL, with the Django admin's as one entry (it has one rule for all)."""
    names = set()
    for name in walk(get_resolver().url_patterns):
        names.add(ADMIN_ROW if name.startswith(f"{ADMIN_NAMESPACE}:") else name)
    return names


def test_every_url_of_the_project_is_in_the_matrix():
    documented = {row.name for row in MATRIX}
    missing = project_url_names() - documented
    assert not missing, (
        "URLs without a row in docs/permissions.md (add one per URL name): "
        + ", ".join(sorted(missing))
    )


def test_every_row_of_the_matrix_is_a_url_of_the_project():
    stale = {row.name for row in MATRIX} - project_url_names()
    assert not stale, f"rows of docs/permissions.md for URLs that no longer exist: {sorted(stale)}"


def test_every_example_path_resolves_to_its_url_name():
    for row in MATRIX:
        view_name = resolve(re.sub(r"\{[^}]+\}", "1", row.path).split("?")[0]).view_name
        if row.name == ADMIN_ROW:
            assert view_name.startswith(f"{ADMIN_NAMESPACE}:"), row
        else:
            assert view_name == row.name, (
                f"docs/permissions.md:{row.line}: {row.path} is {view_name}"
            )


# The objects the example paths name --------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(?P<kind>\w+)(?::(?P<key>[^}]+))?\}")


@pytest.fixture
def sample(people, media):
    """The rows the example paths point at, beyond the `people` fixture: a pending invitation,
    recovery codes for every person, and a live worker for /healthz."""
    # Invited into DHS, the agency the representative manages.
    dhs = Agency.objects.get(acronym="DHS")
    invitee = User(email="invitee@dhs.example.gov", full_name="Ivy Invitee", agency=dhs)
    invitee.is_active = False
    invitee.set_unusable_password()
    invitee.save()
    token = secrets.token_urlsafe(32)
    from pitf.tokens import token_hash

    invitation = Invitation.objects.create(
        user=invitee,
        invited_by=people["site_admin"],
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    # The committees whose pages the matrix opens, DHS and HHS their members.
    from tests import committee_samples

    committee_samples.prepare()
    # A SPOG meeting a month ahead, the representative on its list.
    meeting = Meeting.objects.create(
        body=Body.objects.get(short_name="spog"),
        title="SPOG quarterly meeting",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2),
        scheduled_by=people["chairs_office"],
    )
    invitee = Invitee.objects.create(
        meeting=meeting, person=people["representative"], agency=dhs, source="principal"
    )
    for role, person in people.items():
        if person is not None and role != "representative":
            Invitee.objects.create(
                meeting=meeting, person=person, agency=person.agency, source="added"
            )
    # A notice about it that could not be delivered (the meeting page offers to send it again).
    notice = Notification.objects.create(
        recipient=people["representative"].email,
        subject="Invitation: SPOG quarterly meeting",
        body="You are invited.",
        kind="meeting.invitation",
        about_type=ContentType.objects.get_for_model(Meeting),
        about_id=str(meeting.pk),
        status=Notification.Status.FAILED,
        attempts=8,
    )
    circulation, comments = circulation_sample(people)
    # /healthz answers 200 only while a worker is alive.
    WorkerHeartbeat.objects.create(hostname="matrix-test", last_seen=timezone.now())
    # DHS's people the representative (DHS's principal to the SPOG) may or may not manage.
    dhs, spog = Agency.objects.get(acronym="DHS"), Body.objects.get(short_name="spog")
    managed = {
        "dhs_staff": UserFactory(agency=dhs, full_name="Dale DHS-Staff", totp=False),
        "dhs_alternate": UserFactory(agency=dhs, full_name="Alex Alternate", totp=False),
        "dhs_office": UserFactory(agency=dhs, full_name="Olive Office", totp=False),
    }
    Designation.objects.create(
        person=managed["dhs_alternate"],
        agency=dhs,
        body=spog,
        role=Designation.Role.ALTERNATE,
        start_date=datetime.date(2020, 1, 1),
    )
    BodyRole.objects.create(
        person=managed["dhs_office"],
        body=Body.objects.get(short_name="grantmaking"),
        role=BodyRole.Role.CHAIRS_OFFICE,
        start_date=datetime.date(2020, 1, 1),
    )
    # Recovery codes come with a second factor at enrolment; the fixture's people lack them.
    for person in people.values():
        if person is not None:
            RecoveryCodes.activate(person)
    return {
        "invitation": invitation,
        "token": token,
        "people": people,
        "managed": managed,
        "meeting": meeting,
        "invitee": invitee,
        "notice": notice,
        "circulation": circulation,
        "comments": comments,
    }


def circulation_sample(people):
    """DOS circulates to the SPOG's other members; DHS drafts a comment; DOJ (its chair named
    DOJ's delegate) submits one."""
    from pitf import workdays
    from pitf.circulation import services as circulation_services
    from pitf.circulation.models import Delegate

    dos = Agency.objects.get(acronym="DOS")
    doj = Agency.objects.get(acronym="DOJ")
    circulation = circulation_services.circulation_start(
        actor=people["chairs_office"],
        document=Body.objects.get(short_name="spog"),
        owner_agency=dos,
        title="FY2027 NOFO",
        deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
    )
    draft = circulation_services.comment_add(
        actor=people["representative"],
        circulation=circulation,
        section="C.2",
        kind="substantive",
        text="Draft.",
    )
    Delegate.objects.create(agency=doj, person=people["chair"], named_by=people["site_admin"])
    submitted = circulation_services.comment_add(
        actor=people["chair"], circulation=circulation, section="D", kind="question", text="Why?"
    )
    recipient = circulation.recipients.get(agency=doj)
    circulation_services.answer_submit(
        actor=people["chair"], recipient=recipient, expected_version=1, answer="comments"
    )
    return circulation, {"draft": draft, "submitted": submitted}


def concrete(path: str, *, sample) -> str:
    """Fill the placeholders of an example path: {agency:DHS}, {body:spog},
    {membership:DHS/spog}, {designation:DHS/spog} (the current membership, the principal), {user:staff},
    {bodyrole:chairs_office}, {invitation} and {token} (a pending invitation of a DHS person),
    {provider} (the OpenID Connect provider's id), {meeting:spog} and {invitee:spog} (a SPOG meeting
    and its representative invitee), {notice:spog} (a notice sent about it),
    {document:spog} (a document of that meeting, one version), {agendaitem:spog} (an item on its
    agenda), {meeting:spog/over} (a SPOG meeting that ended yesterday), {agendaitem:spog/over}
    (an item of its agenda), {actionitem:spog} (DHS's action item of it),
    {rsvp:representative} (that invitee's answer-link token), {feed:representative} (a private
    calendar address's token), {fiscalyear:next} (the fiscal year after this one); {cycle},
    {report:DHS}, {report:DHS/submitted}, {entry:DHS}, {partner:HHS}, {portraitfile},
    {indicator}, {datacall}, {section:prosecution}, {plan}, {priority},
    {objective} (tests/spog_samples.py); {workspace:research-data}, {charter}, {deliverable},
    {tracker}, {trackerrow}, {communication}, {bill} (tests/committee_samples.py)."""
    people = sample["people"]

    def fill(match: re.Match) -> str:
        kind, key = match["kind"], match["key"]
        today = timezone.localdate()
        if kind == "agency":
            return str(Agency.objects.get(acronym=key).pk)
        if kind == "body":
            return str(Body.objects.get(short_name=key).pk)
        if kind in ("membership", "designation"):
            acronym, short_name, *role = key.split("/")
            model = Membership if kind == "membership" else Designation
            rows = model.objects.filter(agency__acronym=acronym, body__short_name=short_name)
            if kind == "designation":
                rows = rows.filter(role=role[0] if role else Designation.Role.PRINCIPAL)
            row = rows.current_on(today).get()
            return str(row.pk)
        if kind == "user":
            return str((people.get(key) or sample["managed"][key]).pk)
        if kind == "bodyrole":
            return str(BodyRole.objects.get(person=people[key]).pk)
        if kind == "invitation":
            return str(sample["invitation"].pk)
        if kind == "token":
            return sample["token"]
        if kind == "meeting" and key and "/" in key:
            return str(meeting_in_state(sample, *key.split("/")).pk)
        if kind == "meeting":
            return str(sample["meeting"].pk)
        if kind == "invitee":
            return str(sample["invitee"].pk)
        if kind == "actionitem":
            if "actionitem" not in sample:
                from pitf.meetings.models import ActionItem

                due = timezone.localdate() + datetime.timedelta(days=14)
                sample["actionitem"] = ActionItem.objects.create(
                    meeting=meeting_in_state(sample, key, "over"),
                    title="Send the figures",
                    owner_agency=Agency.objects.get(acronym="DHS"),
                    due_date=due,
                    next_reminder_on=due + datetime.timedelta(days=1),
                    created_by=people["chairs_office"],
                )
            return str(sample["actionitem"].pk)
        if kind == "agendaitem" and key.endswith("/over"):
            from pitf.meetings.models import AgendaItem

            return str(
                AgendaItem.objects.create(
                    meeting=meeting_in_state(sample, key.removesuffix("/over"), "over"),
                    title="Victim services",
                    status=AgendaItem.Status.ACCEPTED,
                    proposed_by=people["chairs_office"],
                ).pk
            )
        if kind == "agendaitem":
            if "agendaitem" not in sample:
                from pitf.meetings.services import agenda_item_add

                sample["agendaitem"] = agenda_item_add(
                    actor=people["chairs_office"],
                    meeting=sample["meeting"],
                    title="Victim services: the year's figures",
                    kind="discussion",
                )
            return str(sample["agendaitem"].pk)
        if kind == "document":
            if "document" not in sample:
                from pitf.meetings.services import document_add
                from tests.conftest import pdf_upload

                sample["document"] = document_add(
                    actor=people["chairs_office"],
                    meeting=sample["meeting"],
                    title="Read-ahead",
                    upload=pdf_upload(),
                )
            return str(sample["document"].pk)
        if kind == "notice":
            return str(sample["notice"].pk)
        if kind == "feed":
            if "feed" not in sample:
                from pitf.meetings.services import feed_issue

                sample["feed"] = feed_issue(actor=people[key])
            return sample["feed"]
        if kind == "rsvp" and key == "deactivated":
            return deactivated_invitees_link(sample)
        if kind == "rsvp":
            from pitf.meetings.services import rsvp_token

            return rsvp_token(sample["invitee"])
        if kind == "provider":
            return OIDC_PROVIDER_ID
        if kind == "circulation":
            return str(sample["circulation"].pk)
        if kind == "comment":
            return str(sample["comments"][key].pk)
        if kind == "recipient":
            return str(sample["circulation"].recipients.get(agency__acronym=key).pk)
        if kind in ("grantcontact", "delegate"):
            from pitf.circulation.models import Contact, Delegate

            model = Contact if kind == "grantcontact" else Delegate
            person = UserFactory(agency=Agency.objects.get(acronym=key))
            return str(
                model.objects.create(
                    agency=person.agency,
                    person=person,
                    **(
                        {"added_by": people["site_admin"], "topic": "grants"}
                        if kind == "grantcontact"
                        else {}
                    ),
                    **({"named_by": people["site_admin"]} if kind == "delegate" else {}),
                ).pk
            )
        if kind == "solicitation" and "/" in key:
            return str(solicitation_in_state(sample, *key.split("/")).pk)
        if kind == "solicitation":
            if "solicitation" not in sample:
                from grants.models import Solicitation
                from tests.test_grants import draft_values

                sample["solicitation"] = Solicitation.objects.create(
                    agency=Agency.objects.get(acronym=key),
                    created_by=people["chairs_office"],
                    **draft_values(),
                )
            return str(sample["solicitation"].pk)
        if kind == "award":
            if "award" not in sample:
                from grants.models import Award
                from tests.test_grants_awards import award_values

                sample["award"] = Award.objects.create(
                    agency=Agency.objects.get(acronym=key),
                    created_by=people["chairs_office"],
                    **award_values(),
                )
            return str(sample["award"].pk)
        if kind in (
            "cycle",
            "report",
            "entry",
            "partner",
            "portraitfile",
            "indicator",
            "datacall",
            "section",
            "plan",
            "priority",
            "objective",
        ):
            from tests import spog_samples

            return spog_samples.fill(sample, kind, key)
        if kind in (
            "workspace",
            "charter",
            "deliverable",
            "tracker",
            "trackerrow",
            "communication",
            "bill",
        ):
            from tests import committee_samples

            return committee_samples.fill(sample, kind, key)
        if kind == "fiscalyear":
            from pitf.meetings.plan import fiscal_year_of

            return str(fiscal_year_of(today) + 1)
        raise AssertionError(f"unknown placeholder {match[0]} in docs/permissions.md")

    return PLACEHOLDER.sub(fill, path)


def meeting_in_state(sample, short_name: str, state: str):
    """A meeting of the body `short_name` a month ahead, with a person of the `people` fixture
    added to its list by hand and then taken off it: `<role>-removed`; or one that ended
    yesterday, everyone of the `people` fixture on its list: `over`; that one with draft
    minutes: `minuted`."""
    from pitf.meetings import services as meeting_services

    key = f"meeting:{short_name}/{state}"
    if key in sample:
        return sample[key]
    if state == "minuted":
        from pitf.meetings.models import Minutes, MinutesVersion

        meeting = meeting_in_state(sample, short_name, "over")
        minutes, created = Minutes.objects.get_or_create(meeting=meeting)
        if created:  # unless a request of the table drafted them first
            MinutesVersion.objects.create(
                minutes=minutes, number=1, text="## 1. Welcome\n", written_by=meeting.scheduled_by
            )
        sample[key] = meeting
        return meeting
    if state == "over":
        ended = timezone.now() - datetime.timedelta(days=1)
        meeting = Meeting.objects.create(
            body=Body.objects.get(short_name=short_name),
            title="Yesterday's meeting",
            starts_at=ended - datetime.timedelta(hours=2),
            ends_at=ended,
            scheduled_by=sample["people"]["chairs_office"],
        )
        for person in sample["people"].values():
            if person is not None:
                Invitee.objects.create(
                    meeting=meeting, person=person, agency=person.agency, source="added"
                )
        sample[key] = meeting
        return meeting
    role = state.removesuffix("-removed")
    if role == state or role not in sample["people"]:
        raise AssertionError(f"unknown state {state} of a meeting in docs/permissions.md")
    admin = sample["people"]["site_admin"]
    starts_at = timezone.now() + datetime.timedelta(days=30)
    meeting = meeting_services.meeting_schedule(
        actor=admin,
        body=Body.objects.get(short_name=short_name),
        title=f"A meeting {role} was taken off",
        kind="regular",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        time_zone="America/New_York",
    )
    invitee = meeting_services.invitee_add(
        actor=admin, meeting=meeting, person=sample["people"][role]
    )
    meeting_services.invitee_remove(actor=admin, meeting=meeting, invitee=invitee)
    sample[key] = meeting
    return meeting


def deactivated_invitees_link(sample) -> str:
    """The answer link of a DHS person added to the SPOG meeting's list, whose account was then
    deactivated."""
    from pitf.meetings.services import invitee_add, rsvp_token
    from pitf.people.services import user_deactivate

    admin = sample["people"]["site_admin"]
    person = UserFactory(agency=Agency.objects.get(acronym="DHS"), totp=False)
    invitee = invitee_add(actor=admin, meeting=sample["meeting"], person=person)
    user_deactivate(actor=admin, person=person, expected_version=person.version)
    return rsvp_token(invitee)


def solicitation_in_state(sample, acronym: str, state: str):
    """A solicitation of the agency `acronym`, drafted by one of its staff and brought to
    `state` through the services: `withdrawn-uncirculated` (withdrawn while a draft, never
    circulated) or `withdrawn-circulated` (circulated to the SPOG's other members, then
    withdrawn)."""
    from grants import services as grant_services
    from grants.models import Solicitation
    from pitf import workdays
    from tests.test_grants import draft_values

    key = f"solicitation:{acronym}/{state}"
    if key in sample:
        return sample[key]
    agency = Agency.objects.get(acronym=acronym)
    author = UserFactory(agency=agency, totp=False)
    document = grant_services.document_create(
        actor=author, model=Solicitation, **{**draft_values(), "title": f"A {state} draft"}
    )
    if state == "withdrawn-circulated":
        grant_services.document_circulate(
            actor=author,
            document=document,
            expected_version=document.version,
            deadline=workdays.add_business_days(workdays.today_in_washington(), 10),
        )
        document.refresh_from_db()
    elif state != "withdrawn-uncirculated":
        raise AssertionError(f"unknown state {state} of a solicitation in docs/permissions.md")
    sample[key] = grant_services.document_withdraw(
        actor=author, document=document, expected_version=document.version, reason="Not funded."
    )
    return sample[key]


OIDC_PROVIDER_ID = "oidc"


@pytest.fixture
def single_sign_on(settings):
    """An OpenID Connect provider configured (never contacted: no request here reaches it), so
    the single sign-on URLs answer as they do in production."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": "login.gov",
                    "client_id": "hub",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "http://127.0.0.1:9/", "scope": ["openid"]},
                }
            ],
        }
    }


# The matrix, cell by cell ------------------------------------------------------------------


def outcome(response) -> str:
    """What the person met: 'login' (sent to the login page), 'redirect' (sent anywhere else),
    'deny' (403), 'hidden' (404), 'unauthorized' (401: allauth's single sign-on error pages,
    shown to anyone; the permission layer never answers 401) or 'allow' (the page itself)."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.split("?")[0] in (LOGIN_PATH, reverse("admin:login")):
            return "login"
        return "redirect"
    if response.status_code == 403:
        return "deny"
    if response.status_code == 404:
        return "hidden"
    if response.status_code == 401:
        return "unauthorized"
    if response.status_code in (200, 204):
        return "allow"
    return f"unexpected status {response.status_code}"


# Tables a request may write whatever it does: the session and allauth's record of it.
BOOKKEEPING = ("django_session", "usersessions_usersession")


def rows_written() -> int:
    """Rows inserted, updated or deleted so far in this transaction (PostgreSQL's per-transaction
    statistics), outside the bookkeeping tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables WHERE NOT relname = ANY(%s)",
            [list(BOOKKEEPING)],
        )
        return cursor.fetchone()[0]


def posted_outcome(response, *, changed: bool) -> str:
    """A POST is 'allow' only when the change happened (rows were written), whatever the
    status; a page that came back without a change (the form again) is 'form', which no cell
    allows. An answer that is not a page (the session's keep-alive answers JSON: its change is
    the session's idle timer) is allowed as it answers."""
    met = outcome(response)
    if met in ("login", "deny", "hidden", "unauthorized"):
        return met
    page = response.get("Content-Type", "").startswith("text/html")
    if changed or (met == "allow" and not page):
        return "allow"
    return "form" if met == "allow" else met


def post_and_undo(client, path: str, data: dict):
    """POST in a savepoint that is rolled back afterwards, so that each role meets the same
    rows; returns the response and whether it wrote anything."""
    with transaction.atomic():
        before = rows_written()
        response = client.post(path, data)
        changed = rows_written() > before
        transaction.set_rollback(True)
    return response, changed


@pytest.fixture(scope="module")
def matrix_client():
    """One client for the whole matrix: a new one would load the middleware again (WhiteNoise
    reads every static file's headers), a third of a second each time."""
    return Client()


@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_matrix_row(matrix_client, sample, single_sign_on, row):
    """One row, every role (signed out, then signed in as each person in turn); all wrong
    cells are reported at once."""
    client = matrix_client
    path = concrete(row.path, sample=sample)
    wrong = []
    for role in ROLES:
        client.logout()
        person = sample["people"][role]
        if person is not None:
            client.force_login(person)
        if row.method == "POST":
            data = QueryDict(concrete(row.data, sample=sample)).dict()
            response, changed = post_and_undo(client, path, data)
            met = posted_outcome(response, changed=changed)
        else:
            response = client.get(path)
            met = outcome(response)
        if met != row.expected[role]:
            wrong.append(
                f"{role}: expected {row.expected[role]}, got {met} "
                f"({response.status_code} {response.get('Location', '')})"
            )
    assert not wrong, f"docs/permissions.md:{row.line}: {row.method} {path}\n" + "\n".join(wrong)


# Object-level rules ------------------------------------------------------------------------
# The matrix says who may open an address; these say what they may do with which row there.


@pytest.fixture
def hhs_principal(people):
    """HHS's principal to the SPOG: a designation of another agency than the representative's."""
    hhs = Agency.objects.get(acronym="HHS")
    person = UserFactory(agency=hhs, full_name="Harper Principal", totp=False)
    return Designation.objects.create(
        person=person,
        agency=hhs,
        body=Body.objects.get(short_name="spog"),
        role=Designation.Role.PRINCIPAL,
        start_date=datetime.date(2020, 1, 1),
    )


def test_a_representative_hands_over_only_their_own_agencys_designation(
    client, people, hhs_principal
):
    representative = people["representative"]
    client.force_login(representative)
    successor = UserFactory(agency=hhs_principal.agency, totp=False)
    other = reverse("directory:designation-handover", args=[hhs_principal.pk])
    assert client.get(other).status_code == 403
    response = client.post(
        other,
        {"version": hhs_principal.version, "successor": successor.pk, "start_date": "2025-01-01"},
    )
    assert response.status_code == 403
    hhs_principal.refresh_from_db()
    assert hhs_principal.end_date is None
    assert not Designation.objects.filter(person=successor).exists()

    # Their own agency's alternate, from today on (a principal is the secretariat's to hand
    # over, and a past date rewrites history).
    alternate = Designation.objects.create(
        person=UserFactory(agency=representative.agency, totp=False),
        agency=representative.agency,
        body=hhs_principal.body,
        role=Designation.Role.ALTERNATE,
        start_date=datetime.date(2020, 1, 1),
    )
    colleague = UserFactory(agency=representative.agency, totp=False)
    response = client.post(
        reverse("directory:designation-handover", args=[alternate.pk]),
        {
            "version": alternate.version,
            "successor": colleague.pk,
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert Designation.objects.get(person=colleague).role == Designation.Role.ALTERNATE


def test_a_representative_ends_only_their_own_agencys_designation(client, people, hhs_principal):
    client.force_login(people["representative"])
    response = client.post(
        reverse("directory:designation-end", args=[hhs_principal.pk]),
        {"version": hhs_principal.version, "end_date": "2025-01-01"},
    )
    assert response.status_code == 403
    hhs_principal.refresh_from_db()
    assert hhs_principal.end_date is None


def test_a_representative_designates_only_for_their_own_agency(client, people):
    client.force_login(people["representative"])
    hhs_person = UserFactory(agency=Agency.objects.get(acronym="HHS"), totp=False)
    response = client.post(
        reverse("directory:designation-create", args=[Body.objects.get(short_name="spog").pk]),
        {
            "agency": hhs_person.agency_id,
            "person": hhs_person.pk,
            "role": "alternate",
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 403
    assert not Designation.objects.filter(person=hhs_person).exists()


def test_the_chairs_office_may_not_edit_agencies_or_its_own_body(client, people):
    """The SPOG chair's office runs the SPOG's meetings, not the directory, not even the
    SPOG's own entry."""
    client.force_login(people["chairs_office"])
    dos = Agency.objects.get(acronym="DOS")
    response = client.post(
        reverse("directory:agency-edit", args=[dos.pk]),
        {"version": dos.version, "name": "Renamed", "acronym": "DOS", "kind": dos.kind},
    )
    assert response.status_code == 403
    spog = Body.objects.get(short_name="spog")
    response = client.post(
        reverse("directory:body-edit", args=[spog.pk]),
        {"version": spog.version, "name": "Renamed", "cadence": "monthly"},
    )
    assert response.status_code == 403
    dos.refresh_from_db()
    spog.refresh_from_db()
    assert (dos.name, spog.name) == ("Department of State", "Senior Policy Operating Group")


def test_a_chair_may_not_change_their_own_bodys_membership(client, people):
    client.force_login(people["chair"])
    grantmaking = Body.objects.get(short_name="grantmaking")
    response = client.post(
        reverse("directory:membership-create", args=[grantmaking.pk]),
        {"agency": people["chair"].agency_id, "status": "member", "start_date": "2025-01-01"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(body=grantmaking).exists()


def test_a_deactivated_agencys_representative_manages_no_designation(client, people):
    """Roles come from the data: once DHS is inactive its principal is no representative, so
    the designation pages refuse them at the address already."""
    representative = people["representative"]
    Agency.objects.filter(pk=representative.agency_id).update(active=False)
    client.force_login(representative)
    own = Designation.objects.get(person=representative)
    assert client.get(reverse("directory:designation-end", args=[own.pk])).status_code == 403
