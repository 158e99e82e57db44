"""Who may open which URL: the public URLs are listed here; every other URL needs a login."""

# URL names anyone may open without logging in (the public pages, the health check, the
# login page). Everything else is refused to anonymous users by LoginRequiredMiddleware, and
# tests/test_urls.py fails when a view opts out of it without being listed here.
PUBLIC_URL_NAMES = frozenset(
    {
        "home",
        "agency-directory",
        "body-list",
        "healthz",
        "login",
        "logout",
        "admin:login",
    }
)
