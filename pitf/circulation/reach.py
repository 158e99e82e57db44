"""What the pages say of a circulation's reach, in words: before circulating, which agencies
would hear of it from nobody or could not answer; after, who was written to."""

from __future__ import annotations

from django.template.defaultfilters import pluralize

from pitf.circulation import kinds, selectors
from pitf.circulation.models import Circulation


def _acronyms(reaches) -> str:
    return ", ".join(r.agency.acronym for r in reaches)


def _contact(kind: kinds.DocumentKind, joined: str) -> str:
    """E.g. "and no grant contact"; nothing for a kind written to representatives alone."""
    return f" {joined} {kind.contacts.noun}" if kind.contacts is not None else ""


def gaps(kind: kinds.DocumentKind, *, owner_id: int) -> list[str]:
    """Before circulating a document of `kind` to the body it names (the default): its member
    agencies nobody at would be written to, and those nobody could submit an answer for."""
    body = kinds.default_body(kind)
    if body is None:
        return []
    reach = selectors.members_reach(body, owner_id, kind)
    unheard = [r for r in reach if not r.receivers]
    unanswerable = [r for r in reach if not r.submitters]
    name = body.short_name.upper()
    lines = []
    if unheard:
        lines.append(
            f"Of the {name}'s {len(reach)} other member agencies, {len(unheard)} "
            f"{pluralize(len(unheard), 'has,have')} nobody to receive it "
            f"(no representative designated to the {name}{_contact(kind, 'and no')}): "
            f"{_acronyms(unheard)}. "
            "They are not e-mailed; their staff find it under Comment requests."
        )
    if unanswerable:
        lines.append(
            f"{len(unanswerable)} {pluralize(len(unanswerable), 'has,have')} nobody who may "
            f"submit an answer (no representative designated to the {name} and no delegate): "
            f"{_acronyms(unanswerable)}."
        )
    return lines


def circulated_message(circulation: Circulation) -> str:
    """The message after circulating: how many agencies, how many people e-mailed, and the
    agencies nobody at was written to."""
    kind = kinds.kind_of(circulation.document_type_id)
    agencies = [r.agency for r in circulation.recipients.select_related("agency")]
    reach = selectors.reach_of(circulation.body_id, agencies, kind)
    people = {person.pk for r in reach for person in r.receivers}
    unheard = [r for r in reach if not r.receivers]
    message = (
        f"It is circulated to {len(reach)} agenc{pluralize(len(reach), 'y,ies')}; "
        f"{len(people)} {pluralize(len(people), 'person was,people were')} e-mailed."
    )
    if unheard:
        message += (
            f" Nobody was e-mailed at {_acronyms(unheard)}: they have no representative"
            f"{_contact(kind, 'or')}."
        )
    return message
