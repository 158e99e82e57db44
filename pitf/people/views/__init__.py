"""Pages of people management, a module per subject: invitations, accounts, offices in bodies
and the audit log. Each view parses its input, calls a service or selector, and renders."""
