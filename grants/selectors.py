"""Reads of grant solicitations, with who may see them: a draft only by its agency; once
circulated, also by the agencies it was sent to and the Grantmaking Committee's offices; once
posted, by everyone signed in. Anyone else gets 404."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from grants.models import Solicitation
from pitf.circulation.models import Circulation, Recipient
from pitf.circulation.selectors import grantmaking_office
from pitf.models import User
from pitf.roles import Roles


def visible_to(user: User, roles: Roles) -> QuerySet[Solicitation]:
    solicitations = Solicitation.objects.select_related("agency")
    if roles.site_admin:
        return solicitations
    own = Q(agency_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    posted = Q(status=Solicitation.Status.POSTED)
    circulated = ~Q(status=Solicitation.Status.DRAFT)
    if grantmaking_office(roles):
        return solicitations.filter(own | circulated)
    asked = Exists(
        Recipient.objects.filter(
            agency_id=user.agency_id,
            circulation__document_type=ContentType.objects.get_for_model(Solicitation),
            circulation__document_id=_as_text(OuterRef("pk")),
        )
    )
    return solicitations.filter(own | posted | (circulated & Q(asked)))


def _as_text(expression):
    """The circulation keeps its document's id as text (any model may be circulated)."""
    return Cast(expression, output_field=CharField())


def solicitation_for(*, user: User, roles: Roles, pk: int) -> Solicitation:
    solicitation = visible_to(user, roles).filter(pk=pk).first()
    if solicitation is None:
        raise Http404("No such solicitation.")
    return solicitation


def circulations_of(solicitation: Solicitation) -> list[Circulation]:
    return list(
        Circulation.objects.filter(
            document_type=ContentType.objects.get_for_model(Solicitation),
            document_id=str(solicitation.pk),
        )
    )
