"""A per-client limit on intake submissions, kept in the shared cache so it holds across processes."""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the right entry of X-Forwarded-For behind trusted proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


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
    return count <= settings.INTAKE_SUBMISSIONS_PER_HOUR
