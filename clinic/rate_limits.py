"""Per-client-address limits kept in the default cache (a database table), so they hold across processes and
servers, and through a Redis outage."""

import time

from django.core.cache import cache


def attempt_allowed(bucket: str, address: str | None, limit: int, window_seconds: int, now: float | None = None):
    """Count one attempt from this address in the current window; False once over `limit`.

    Should the cache answer None (a cache backend that turns errors into misses) nothing can be counted, so nobody
    is refused.
    """
    window = int((now if now is not None else time.time()) // window_seconds)
    key = f"rate:{bucket}:{address}:{window}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count is None or count <= limit
