"""Reads of grant documents (solicitations and proposed awards), with who may see them: a draft
only by its agency; once circulated, also by the agencies it was sent to and the Grantmaking
Committee's offices; once posted or awarded, by everyone signed in. Anyone else gets 404."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from grants.models import GrantDocument
from pitf.circulation.models import Circulation, Recipient
from pitf.circulation.selectors import grantmaking_office
from pitf.models import User
from pitf.roles import Roles


def visible_to(model: type[GrantDocument], user: User, roles: Roles) -> QuerySet:
    documents = model.objects.select_related(*model.SHOWN_WITH)
    if roles.site_admin:
        return documents
    own = Q(agency_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    final = Q(status=model.FINAL)
    circulated = ~Q(status=model.DRAFT)
    if grantmaking_office(roles):
        return documents.filter(own | circulated)
    asked = Exists(
        Recipient.objects.filter(
            agency_id=user.agency_id,
            circulation__document_type=ContentType.objects.get_for_model(model),
            circulation__document_id=_as_text(OuterRef("pk")),
        )
    )
    return documents.filter(own | final | (circulated & Q(asked)))


def _as_text(expression):
    """The circulation keeps its document's id as text (any model may be circulated)."""
    return Cast(expression, output_field=CharField())


def document_for(model: type[GrantDocument], *, user: User, roles: Roles, pk: int):
    document = visible_to(model, user, roles).filter(pk=pk).first()
    if document is None:
        raise Http404(f"No such {model._meta.verbose_name}.")
    return document


def circulations_of(document: GrantDocument) -> list[Circulation]:
    return list(
        Circulation.objects.filter(
            document_type=ContentType.objects.get_for_model(type(document)),
            document_id=str(document.pk),
        )
    )
