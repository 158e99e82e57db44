"""Permission rules of the hub's own account URLs (merged into pitf.permissions.URL_RULES);
django-allauth's URLs are listed in pitf/permissions.py."""

URL_RULES = {}
