"""The core domain's models."""

from pitf.models.bodies import Body, BodyRole, Designation, Membership
from pitf.models.notifications import Notification, WorkerHeartbeat
from pitf.models.organizations import Agency
from pitf.models.people import User

__all__ = [
    "Agency",
    "Body",
    "BodyRole",
    "Designation",
    "Membership",
    "Notification",
    "User",
    "WorkerHeartbeat",
]
