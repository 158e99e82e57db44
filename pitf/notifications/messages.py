"""The e-mail of a notification: its kind's templates rendered, its files attached, its Message-ID
its own; and the context a notice of a fan-out keeps until the worker writes its text."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.db.models import Model
from django.template.loader import render_to_string

from pitf.models import Notification


def render_subject(kind: str, context: dict) -> str:
    subject = render_to_string(f"notifications/{kind}.subject.txt", {"kind": kind, **context})
    return " ".join(subject.split())[:250]


def render_body(kind: str, context: dict) -> tuple[str, str]:
    """(plain text, HTML) of a notification kind; the HTML template extends
    notifications/base.html, laid out for mail programs (Outlook included)."""
    context = {"kind": kind, **context}
    text = render_to_string(f"notifications/{kind}.txt", context)
    html = render_to_string(f"notifications/{kind}.html", context)
    return text.strip() + "\n", html


def render_notification(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a notification kind."""
    return (render_subject(kind, context), *render_body(kind, context))


# A fan-out's context, kept on its rows as JSON: things of the hub by their ids, dates and times by
# their ISO forms, everything else as it is.
_MODEL, _DATETIME, _DATE = "$model", "$datetime", "$date"


def encode_context(value):
    """`value` (a notice's template context) as JSON the worker turns back into it."""
    if isinstance(value, Model):
        if value.pk is None:
            raise TypeError(f"An unsaved {value._meta.label} cannot be kept in a notice's context.")
        return {_MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, dict):
        return {str(key): encode_context(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode_context(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"A notice's context cannot keep a {type(value).__name__}.")


def decode_context(value):
    """The context `encode_context` kept, with each thing of the hub read as it is now."""
    if isinstance(value, list):
        return [decode_context(item) for item in value]
    if not isinstance(value, dict):
        return value
    if _MODEL in value:
        return apps.get_model(value[_MODEL])._default_manager.get(pk=value["pk"])
    if _DATETIME in value:
        return datetime.datetime.fromisoformat(value[_DATETIME])
    if _DATE in value:
        return datetime.date.fromisoformat(value[_DATE])
    return {key: decode_context(item) for key, item in value.items()}


def notification_write(*, notification: Notification) -> None:
    """Write the text of a notice recorded with its context (a fan-out's), once: the text is
    kept on the row, as any notice's is, and the context cleared. The things it names are read
    as they are now; a notice no longer wanted was dropped before this (claims)."""
    if notification.context is None:
        return
    text, html = render_body(notification.kind, decode_context(notification.context))
    notification.body, notification.html_body, notification.context = text, html, None
    notification.save(update_fields=["body", "html_body", "context"])


def notification_email(*, notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of a notification: its plain text, its HTML as an alternative, its files;
    a calendar file is also the calendar alternative (`text/calendar; method=REQUEST`). The
    Message-ID is the notification's, so a resend after a crash is the same message."""
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        to=[notification.recipient],
        reply_to=[a.strip() for a in notification.reply_to.split(",") if a.strip()],
        headers={"Message-ID": notification.message_id},
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    for attachment in notification.attachments.all():
        content = bytes(attachment.content)
        if attachment.mimetype.startswith("text/calendar"):
            message.attach_alternative(content.decode(), attachment.mimetype)
            message.attach(attachment.filename, content, "application/ics")
        else:
            message.attach(attachment.filename, content, attachment.mimetype)
    return message
