"""Reads of grant documents (solicitations and proposed awards), with who may see them: a draft
only by its agency; once circulated, also by the agencies it was sent to and the Grantmaking
Committee's offices; once posted or awarded, by everyone signed in. Anyone else gets 404.
Whether it was circulated is whether a circulation of it exists, not its status: a draft
withdrawn before it was ever circulated stays its agency's alone."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from grants.models import GrantDocument
from pitf.circulation import kinds
from pitf.circulation.models import Circulation, Recipient
from pitf.models import User
from pitf.queries import ExistsProbed
from pitf.roles import Roles


def visible_to(model: type[GrantDocument], user: User, roles: Roles) -> QuerySet:
    documents = model.objects.select_related(*model.SHOWN_WITH)
    # Site administrators (the secretariat) see what the Grantmaking Committee's offices see:
    # what was circulated or is final, and their own agency's drafts; another agency's draft is
    # that agency's alone (docs/decisions/0011-drafts-are-the-agencys-alone.md).
    own = Q(agency_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    final = Q(status=model.FINAL)
    document_type = ContentType.objects.get_for_model(model)
    if kinds.oversees(roles, kinds.kind_for_model(model)):
        circulated = ExistsProbed(
            Circulation.objects.filter(
                document_type=document_type, document_id=_as_text(OuterRef("pk"))
            )
        )
        return documents.filter(own | final | Q(circulated))
    asked = ExistsProbed(
        Recipient.objects.filter(
            agency_id=user.agency_id, document_type=document_type, document_key=OuterRef("pk")
        )
    )
    return documents.filter(own | final | Q(asked))


def _as_text(expression):
    """The circulation keeps its document's id as text (any model may be circulated)."""
    return Cast(expression, output_field=CharField())


def document_for(model: type[GrantDocument], *, user: User, roles: Roles, pk: int):
    document = visible_to(model, user, roles).filter(pk=pk).first()
    if document is None:
        raise Http404(f"No such {model._meta.verbose_name}.")
    return document


def linked_solicitations(awards, *, user: User, roles: Roles) -> None:
    """Sets each award's `linked_solicitation_shown`: its linked solicitation where the person
    may see it (one query for all the awards), else the words that say one exists without
    naming it. The award's page, list and CSV all read it."""
    from grants.models import Solicitation

    linked = {award.solicitation_id for award in awards if award.solicitation_id}
    shown = (
        set(
            visible_to(Solicitation, user, roles).filter(pk__in=linked).values_list("pk", flat=True)
        )
        if linked
        else set()
    )
    for award in awards:
        if award.solicitation_id is None:
            award.linked_solicitation_shown = None
        elif award.solicitation_id in shown:
            award.linked_solicitation_shown = award.solicitation
        else:
            award.linked_solicitation_shown = (
                f"A solicitation of {award.solicitation.agency.acronym}, not shared with you"
            )


def circulations_of(document: GrantDocument) -> list[Circulation]:
    return list(
        Circulation.objects.filter(
            document_type=ContentType.objects.get_for_model(type(document)),
            document_id=str(document.pk),
        )
    )
