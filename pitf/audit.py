"""Which models keep a field history in the audit log (django-auditlog)."""

from auditlog.registry import auditlog

from pitf.models import Agency, Body, BodyRole, Designation, Membership, User

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Agency)
auditlog.register(Body)
auditlog.register(Membership)
auditlog.register(Designation)
auditlog.register(BodyRole)
