"""The e-mail of a notification: its kind's templates rendered, its files attached, its Message-ID
its own."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from pitf.models import Notification


def render_notification(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a notification kind; the HTML template extends
    notifications/base.html, laid out for mail programs (Outlook included)."""
    context = {"kind": kind, **context}
    subject = render_to_string(f"notifications/{kind}.subject.txt", context)
    text = render_to_string(f"notifications/{kind}.txt", context)
    html = render_to_string(f"notifications/{kind}.html", context)
    return " ".join(subject.split())[:250], text.strip() + "\n", html


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
