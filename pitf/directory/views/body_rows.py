"""A body's page's tables (its terms of office, memberships and designations), their rows
written in Python (pitf.tables): the SPOG's page lists some seventy-five of them."""

from __future__ import annotations

from django.utils.safestring import SafeString

from pitf import tables
from pitf.formats import long_date
from pitf.links import link_to


def _until(end) -> str:
    return long_date(end) if end else "Ongoing"


def _person_of(term) -> str:
    person = term.person
    agency = f" ({tables.text(person.agency.acronym)})" if person.agency else ""
    return f"{tables.text(person)}{agency}"


def _action(href: str, label: str, hidden: str) -> str:
    """A row's action link, with words only a screen reader reads to say which row it acts on."""
    return (
        f'<a class="usa-link" href="{href}">{label}<span class="usa-sr-only"> {hidden}</span></a>'
    )


def office_terms(terms, *, today, site_admin: bool) -> SafeString:
    """Today's terms of office and those that begin later; a site administrator may end one."""

    def row(term) -> str:
        later = ' <span class="usa-tag">Begins later</span>' if term.start_date > today else ""
        cells = [
            tables.text(term.get_role_display()),
            long_date(term.start_date),
            _until(term.end_date),
        ]
        if site_admin:
            hidden = f"{tables.text(term.person)}’s term as {term.get_role_display().lower()}"
            cells.append(_action(link_to("directory:office-end", term.pk), "End", hidden))
        return tables.row(_person_of(term) + later, cells)

    return tables.joined(map(row, terms))


def earlier_office_terms(terms) -> SafeString:
    return tables.joined(
        tables.row(
            _person_of(term),
            (
                tables.text(term.get_role_display()),
                long_date(term.start_date),
                long_date(term.end_date),
            ),
        )
        for term in terms
    )


def _membership_cells(membership) -> list[str]:
    return [
        tables.text(membership.get_status_display()),
        long_date(membership.start_date),
        _until(membership.end_date),
    ]


def current_memberships(memberships, *, site_admin: bool) -> SafeString:
    def row(membership) -> str:
        agency = membership.agency
        acronym = tables.text(agency.acronym)
        header = (
            f"{tables.link(link_to('directory:agency-detail', agency.pk), agency.name)} ({acronym})"
        )
        cells = _membership_cells(membership)
        if site_admin:
            change = link_to("directory:membership-change-status", membership.pk)
            end = link_to("directory:membership-end", membership.pk)
            cells.append(
                f"{_action(change, 'Change status', f'of {acronym}')} · "
                f"{_action(end, 'End', f'the membership of {acronym}')}"
            )
        return tables.row(header, cells)

    return tables.joined(map(row, memberships))


def future_memberships(memberships, *, site_admin: bool) -> SafeString:
    def row(membership) -> str:
        acronym = tables.text(membership.agency.acronym)
        cells = _membership_cells(membership)
        if site_admin:
            hidden = f"the membership of {acronym} from {long_date(membership.start_date)}"
            cells.append(_action(link_to("directory:membership-end", membership.pk), "End", hidden))
        return tables.row(f"{tables.text(membership.agency.name)} ({acronym})", cells)

    return tables.joined(map(row, memberships))


def past_memberships(memberships) -> SafeString:
    return tables.joined(
        tables.row(
            f"{tables.text(m.agency.name)} ({tables.text(m.agency.acronym)})",
            (tables.text(m.get_status_display()), long_date(m.start_date), long_date(m.end_date)),
        )
        for m in memberships
    )


def designations(rows) -> SafeString:
    """(designation, whether current, whether the person may manage it) rows."""

    def row(designation, current: bool, manageable: bool) -> str:
        person = tables.text(designation.person)
        later = "" if current else ' <span class="usa-tag">Begins later</span>'
        actions = ""
        if manageable:
            hidden = f"{person}’s designation"
            handover = link_to("directory:designation-handover", designation.pk)
            end = link_to("directory:designation-end", designation.pk)
            actions = f"{_action(handover, 'Hand over', hidden)} · {_action(end, 'End', hidden)}"
        return tables.row(
            tables.text(designation.agency.acronym),
            (
                person + later,
                tables.text(designation.get_role_display()),
                long_date(designation.start_date),
                _until(designation.end_date),
                actions,
            ),
        )

    return tables.joined(row(*each) for each in rows)
