"""What circulation needs to know of a kind of document, declared by the feature that owns the
kind and read from its FeatureConfig.circulated_documents: to which body's member agencies it
goes unless the owner chooses, which body's chair and chair's office oversee every circulation
of it, who besides an agency's representatives is written to, and how the document follows its
circulation's end. Circulation itself knows no kind: grants registers its solicitations and
proposed awards here, and meeting minutes or report drafts will register theirs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

from pitf.features import features

if TYPE_CHECKING:
    from django.contrib.contenttypes.models import ContentType

    from pitf.models import Body
    from pitf.roles import Roles

# The declarations are read by the features' AppConfigs before the models are ready: the
# functions below import the models when they run.


@dataclass(frozen=True)
class ContactList:
    """People an agency names to receive the documents of some kinds circulated to it, beside
    its representatives (kept on the agency's contacts page). `topic` is what its rows store."""

    topic: str  # e.g. "grants"
    title: str  # "Grant contacts"
    noun: str  # "grant contact"
    receives: str  # "the grant solicitations and proposed awards circulated to the agency"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document that can be circulated for comment."""

    model: str  # the model's label, lower case: "grants.solicitation"
    # The short name of the body whose member agencies are asked unless the owner chooses;
    # empty: the owner always chooses the body.
    default_body: str = ""
    # The short name of the body whose chair and chair's office see every circulation of the
    # kind and every answer submitted (site administrators always do); empty: none.
    overseers: str = ""
    # Who, beside an agency's representatives in the body, is written to; None: nobody else.
    contacts: ContactList | None = None
    # The dotted path of `(*, circulation, actor) -> None`: how the document follows its
    # circulation's close or withdrawal (called in the same transaction; actor None for the
    # beat's close).
    ended: str = ""

    def follow_end(self) -> Callable[..., None] | None:
        return import_string(self.ended) if self.ended else None


def _registered() -> dict[str, DocumentKind]:
    return {
        kind.model: kind
        for config in features()
        for kind in getattr(config, "circulated_documents", ())
    }


def kind_of(document_type: ContentType | int) -> DocumentKind:
    """The kind of a circulated document, by its content type (or its id; read from Django's
    cache of content types); an unregistered model is a kind with nothing declared."""
    from django.contrib.contenttypes.models import ContentType

    if not isinstance(document_type, ContentType):
        document_type = ContentType.objects.get_for_id(document_type)
    label = f"{document_type.app_label}.{document_type.model}"
    return _registered().get(label) or DocumentKind(model=label)


def kind_for_model(model) -> DocumentKind:
    from django.contrib.contenttypes.models import ContentType

    return kind_of(ContentType.objects.get_for_model(model))


def contact_lists() -> list[ContactList]:
    """Every list of contacts a registered kind writes to, once each, in registration order."""
    lists: dict[str, ContactList] = {}
    for kind in _registered().values():
        if kind.contacts is not None:
            lists.setdefault(kind.contacts.topic, kind.contacts)
    return list(lists.values())


def contact_list(topic: str) -> ContactList | None:
    return next((found for found in contact_lists() if found.topic == topic), None)


def default_body(kind: DocumentKind) -> Body | None:
    from pitf.models import Body

    return Body.objects.filter(short_name=kind.default_body).first() if kind.default_body else None


def oversees(roles: Roles, kind: DocumentKind) -> bool:
    """Whether the person sees every circulation of the kind and every answer submitted: a site
    administrator, or the chair or chair's office of the kind's overseeing body (one query)."""
    if roles.site_admin:
        return True
    offices = roles.chair_of | roles.chairs_office_of
    if not offices or not kind.overseers:
        return False
    from pitf.models import Body

    return Body.objects.filter(pk__in=offices, short_name=kind.overseers).exists()
