"""Invitations (the only way in) and the audit log's explicit events."""

from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """A single-use link that lets an invited person set a password and enrol MFA.

    Only a hash of the token is stored; the token itself is in the e-mail alone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.user} ({self.state})"

    @property
    def state(self) -> str:
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class AuditEvent(models.Model):
    """An explicit entry of the audit log: a login, a failed login, an MFA change, a permission
    denial, an invitation... Field-level history of models is kept by django-auditlog beside it.
    Nothing in the product edits or deletes these rows."""

    action = models.CharField(
        max_length=60, db_index=True, help_text="e.g. 'user.login' or 'permission.denied'."
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_email = models.EmailField(
        blank=True, help_text="Kept even if the account is later removed, or never existed."
    )
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=60, blank=True)
    target_label = models.CharField(max_length=250, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            # The audit log's order: a page is the first rows of this index (and of the same
            # index on django-auditlog's table, made by migration 0009).
            models.Index(fields=["created_at", "id"], name="pitf_auditevent_at_id"),
            # ... and of the log filtered by an action.
            models.Index(
                fields=["action", "created_at", "id"], name="pitf_auditevent_action_at_id"
            ),
        ]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.action} by {self.actor_email or 'anonymous'}"
        )
