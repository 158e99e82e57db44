"""What the pages say of a circulation's reach, in words: before circulating, which agencies
would hear of it from nobody or could not answer; after, who was written to."""

from __future__ import annotations

from django.template.defaultfilters import pluralize

from pitf.circulation import selectors
from pitf.circulation.models import Circulation
from pitf.models import Body


def _acronyms(reaches) -> str:
    return ", ".join(r.agency.acronym for r in reaches)


def spog_gaps(*, owner_id: int) -> list[str]:
    """Before circulating to the SPOG (the default): its member agencies nobody at would be
    written to, and those nobody could submit an answer for."""
    spog = Body.objects.filter(short_name="spog").first()
    if spog is None:
        return []
    reach = selectors.members_reach(spog, owner_id)
    unheard = [r for r in reach if not r.receivers]
    unanswerable = [r for r in reach if not r.submitters]
    lines = []
    if unheard:
        lines.append(
            f"Of the SPOG's {len(reach)} other member agencies, {len(unheard)} "
            f"{pluralize(len(unheard), 'has,have')} nobody to receive it (no representative "
            f"designated to the SPOG and no grant contact): {_acronyms(unheard)}. "
            "They are not e-mailed; their staff find it under Comment requests."
        )
    if unanswerable:
        lines.append(
            f"{len(unanswerable)} {pluralize(len(unanswerable), 'has,have')} nobody who may "
            f"submit an answer (no representative designated to the SPOG and no delegate): "
            f"{_acronyms(unanswerable)}."
        )
    return lines


def circulated_message(circulation: Circulation) -> str:
    """The message after circulating: how many agencies, how many people e-mailed, and the
    agencies nobody at was written to."""
    agencies = [r.agency for r in circulation.recipients.select_related("agency")]
    reach = selectors.reach_of(circulation.body_id, agencies)
    people = {person.pk for r in reach for person in r.receivers}
    unheard = [r for r in reach if not r.receivers]
    message = (
        f"It is circulated to {len(reach)} agenc{pluralize(len(reach), 'y,ies')}; "
        f"{len(people)} {pluralize(len(people), 'person was,people were')} e-mailed."
    )
    if unheard:
        message += f" Nobody was e-mailed at {_acronyms(unheard)}: they have no representative or grant contact."
    return message
