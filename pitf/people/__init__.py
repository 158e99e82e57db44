"""Managing people: invitations (the only way in), user accounts, and the audit log."""
