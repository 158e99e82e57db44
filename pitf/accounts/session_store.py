"""Sessions read from the cache (Redis, or the file cache of the embedded default) and written
through to the database: a signed-in request reads its session without a query. When the cache
fails, the database alone serves: a Redis outage slows signed-in pages, it does not break them
or sign anyone out. One gap is logged as an error: a session ended while the cache cannot be
reached stays in the cache until it expires (at most SESSION_COOKIE_AGE), should the cache come
back with its data; a restarted Redis of the deployment (no persistence) holds none."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger("pitf.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001  any cache failure: read the database instead
            logger.warning("Session cache unavailable; reading the session from the database")
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:  # noqa: BLE001
            logger.warning("Session cache unavailable; the session was not cached")
        return data

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
