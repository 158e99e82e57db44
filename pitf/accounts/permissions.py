"""Permission rules of the hub's own account URLs (merged by pitf.permissions.url_rules);
django-allauth's URLs are listed in pitf/permissions.py."""

from pitf.permissions import PUBLIC, SIGNED_IN, SITE_ADMIN

URL_RULES = {
    "accounts:keep-alive": SIGNED_IN,
    # The browser of a session that has already ended posts here; it only signs out.
    "accounts:session-timeout": PUBLIC,
    "accounts:unlock": SITE_ADMIN,
    # The link e-mailed to a locked account's holder: they cannot sign in to use it.
    "accounts:unlock-by-mail": PUBLIC,
    "accounts:security": SIGNED_IN,
}
