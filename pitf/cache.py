"""The cache on Redis (settings.CACHES in production): Django's backend, keeping one redis-py
client per connection pool instead of making one for every call; redis-py's client builds a
table of some 170 reply handlers when it is made, and a signed-in request reads the cache three
times (the session, the roles and their generations)."""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # A client holds no connection of its own: it borrows one from the pool per
            # command, so one client serves every thread, as the pool does.
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
