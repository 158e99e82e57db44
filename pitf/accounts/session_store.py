"""Sessions read from the cache (Redis, or the file cache of the embedded default) and written
through to the database: a signed-in request reads its session without a query. When the cache
fails, the database alone serves: a Redis outage slows signed-in pages, it does not break them
or sign anyone out. One gap is logged as an error: a session ended while the cache cannot be
reached stays in the cache until it expires (at most SESSION_COOKIE_AGE), should the cache come
back with its data; a restarted Redis of the deployment (no persistence) holds none."""

from __future__ import annotations

import logging
import time

from django.contrib.sessions.backends import cached_db, db

logger = logging.getLogger("pitf.sessions")
# A cached session carries its own expiry, checked on every read, as the database's copy does:
# the cache's time to live is the cache server's clock, not the hub's.
CACHED = "pitf-session-1"


class SessionStore(cached_db.SessionStore):
    def _cache_put(self, data: dict, expires_at: float) -> None:
        try:
            self._cache.set(
                self.cache_key, (CACHED, expires_at, data), max(1, int(expires_at - time.time()))
            )
        except Exception:  # noqa: BLE001  any cache failure: the database has the session
            logger.warning("Session cache unavailable; the session was not cached")

    def load(self):
        try:
            cached = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001  any cache failure: read the database instead
            logger.warning("Session cache unavailable; reading the session from the database")
            cached = None
        if isinstance(cached, tuple) and len(cached) == 3 and cached[0] == CACHED:
            _, expires_at, data = cached
            if expires_at > time.time():
                return data
        stored = self._get_session_from_db()  # only a session that has not expired
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        self._cache_put(data, stored.expire_date.timestamp())
        return data

    def save(self, must_create=False):
        db.SessionStore.save(self, must_create)
        self._cache_put(self._session, time.time() + self.get_expiry_age())

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:  # noqa: BLE001
            logger.warning("Session cache unavailable; checking the database")
        return super(cached_db.SessionStore, self).exists(session_key)

    def delete(self, session_key=None):
        """Delete from the database first, then the cached copy."""
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        super(cached_db.SessionStore, self).delete(session_key)
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:  # noqa: BLE001
            logger.error(
                "Session cache unavailable; an ended session stays cached until it expires"
            )
