"""Permission rules of pitf.people's URLs (merged into pitf.permissions.URL_RULES)."""

URL_RULES = {}
