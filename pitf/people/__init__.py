"""Managing people: invitations (the only way in), user accounts, and the audit log."""

# pitf.permissions merges this package's URL rules when it is first imported, and our rules are
# built from its Rule objects: importing it first keeps that cycle in one order whichever module
# a caller imports first.
import pitf.permissions  # noqa: F401, E402
