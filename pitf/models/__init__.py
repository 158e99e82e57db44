"""The core domain's models."""

from pitf.models.accounts import AuditEvent, Invitation
from pitf.models.bodies import Body, BodyRole, Designation, Membership
from pitf.models.organizations import Agency
from pitf.models.people import User
from pitf.notifications.models import Notification, NotificationAttachment, WorkerHeartbeat

__all__ = [
    "Agency",
    "AuditEvent",
    "Invitation",
    "Body",
    "BodyRole",
    "Designation",
    "Membership",
    "Notification",
    "NotificationAttachment",
    "User",
    "WorkerHeartbeat",
]
