"""Permission rules of pitf.directory's URLs (merged into pitf.permissions.URL_RULES)."""

URL_RULES = {}
