"""A per-client limit on intake submissions, kept in the shared cache so it holds across processes."""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def intake_submission_allowed(ip: str, now: float | None = None) -> bool:
    """Count one submission from this address in the current hour; False once over the limit."""
    window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
    key = f"intake-rate:{ip}:{window}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    # With the cache down (django-redis answers None) nobody is counted, so the form stays open to everyone.
    return count is None or count <= settings.INTAKE_SUBMISSIONS_PER_HOUR
