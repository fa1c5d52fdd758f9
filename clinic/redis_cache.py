"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis object for every cache operation; each one copies redis-py's
table of about 170 response callbacks. Profiling the staff detail page at 100,000 consultations showed that setup
costing more than the round trip itself. redis.Redis objects are safe to share between threads (connections
come from the pool), so each pool gets one, made on first use.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
