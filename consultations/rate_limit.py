"""A per-client limit on intake submissions (INTAKE_SUBMISSIONS_PER_HOUR)."""

from django.conf import settings

from clinic.rate_limits import attempt_allowed

WINDOW_SECONDS = 3600


def intake_submission_allowed(ip: str | None, now: float | None = None) -> bool:
    """Count one submission from this address in the current hour; False once over the limit."""
    return attempt_allowed("intake", ip, settings.INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now)
