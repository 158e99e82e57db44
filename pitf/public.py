"""The public pages (the home page, the agency directory, the task force and its groups) as
anonymous visitors get them: the same for everyone until the directory changes, so each answer
carries an ETag and `Cache-Control: public` for browsers and proxies, a browser that has the
page gets a 304, and the rendered page is kept in the cache. Either way the page costs one
query, whatever the number of agencies: the ETag's.

The ETag digests the rows the pages show (for agencies, bodies and memberships: the count, the
highest id and the sum of PostgreSQL's row versions, `xmin`, which every insert, update and
delete changes, by whatever path: a service, the admin, a migration), today's date (memberships
begin and end by date) and the templates (a deployment changes them). On the embedded default's
SQLite, which has no row versions, the pages are rendered for each request as before."""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from pitf.models import Agency, Body, Membership

logger = logging.getLogger(__name__)
PUBLIC_MAX_AGE = 300  # seconds a browser or proxy may reuse a public page without asking


@functools.cache
def templates_digest() -> str:
    """The templates as deployed: read once per process."""
    digest = hashlib.sha256()
    for folder in (Path(settings.BASE_DIR) / "templates",):
        for path in sorted(folder.rglob("*.html")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def directory_etag() -> str | None:
    if connection.vendor != "postgresql":
        return None
    state_of = (
        "(SELECT count(*)::text || '.' || coalesce(max(id), 0)::text || '.' || "
        "coalesce(sum(xmin::text::bigint), 0)::text FROM {})"
    )
    tables = [connection.ops.quote_name(m._meta.db_table) for m in (Agency, Body, Membership)]
    # The tables are the models' own names, never input.
    sql = "SELECT " + ", ".join(state_of.format(table) for table in tables)  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        state = ":".join(cursor.fetchone())
    source = f"{state}:{timezone.localdate().isoformat()}:{templates_digest()}"
    return '"' + hashlib.sha256(source.encode()).hexdigest()[:32] + '"'


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001  a cache outage only costs the rendering
        logger.warning("cache unavailable; rendering the public page")
        return None


def _cache_set(key: str, value) -> None:
    try:
        cache.set(key, value, PUBLIC_MAX_AGE)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable; the public page was not kept")


def public_page(view):
    """For anonymous visitors without a message to show: answer 304 to a browser that has the
    page, else the page kept in the cache, else render and keep it. Signed-in people get the
    page rendered for them (and never stored: pitf.middleware.ResponseHeadersMiddleware)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or len(messages.get_messages(request)):
            return view(request, *args, **kwargs)
        etag = directory_etag()
        if etag is None:
            return view(request, *args, **kwargs)
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
        else:
            key = f"pitf:public:{request.get_full_path()}:{etag}"
            content = _cache_get(key)
            if content is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                _cache_set(key, response.content)
            else:
                response = HttpResponse(content)
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
