"""Reads of people management, a module per subject: the people a manager may see and their
invitations (`people`), and the audit log (its words in `audit_names`, its pages of keys in
`audit_log`, its rows in `audit_rows`)."""

from pitf.people.selectors.audit_log import AuditPage, Cursor, audit_log_keys, audit_log_page
from pitf.people.selectors.audit_names import (
    CHANGE_ACTION_LABELS,
    CHANGE_ACTIONS,
    audit_action_label,
    audit_actions,
    target_type_name,
    target_types,
)
from pitf.people.selectors.audit_rows import AuditRow, Change, audit_row_cells, audit_rows
from pitf.people.selectors.people import (
    ROLE_CHOICES,
    STATUS_CHOICES,
    bodies_for_offices,
    body_role_for_manager,
    email_taken,
    invitation_by_token,
    invitation_for_manager,
    invitation_link_state,
    person_status,
    user_for_manager,
    user_list,
    users_visible_to,
)

__all__ = [
    "CHANGE_ACTIONS",
    "CHANGE_ACTION_LABELS",
    "ROLE_CHOICES",
    "STATUS_CHOICES",
    "target_types",
    "target_type_name",
    "AuditPage",
    "AuditRow",
    "Change",
    "Cursor",
    "audit_action_label",
    "audit_actions",
    "audit_log_keys",
    "audit_log_page",
    "audit_row_cells",
    "audit_rows",
    "bodies_for_offices",
    "body_role_for_manager",
    "email_taken",
    "invitation_by_token",
    "invitation_for_manager",
    "invitation_link_state",
    "person_status",
    "user_for_manager",
    "user_list",
    "users_visible_to",
]
