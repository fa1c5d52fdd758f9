"""Limits on intake submissions: per client address for patients (INTAKE_SUBMISSIONS_PER_HOUR), per account for
staff (STAFF_INTAKE_SUBMISSIONS_PER_HOUR), since a front desk shares one connection."""

from django.conf import settings

from clinic.rate_limits import attempt_allowed

WINDOW_SECONDS = 3600


def intake_submission_allowed(ip: str | None, now: float | None = None) -> bool:
    """Count one submission from this address in the current hour; False once over the limit."""
    return attempt_allowed("intake", ip, settings.INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now)


def staff_intake_allowed(user_id: int, now: float | None = None) -> bool:
    """Count one consultation taken by this staff account in the current hour; False once over the limit."""
    return attempt_allowed(
        "staff-intake", f"user-{user_id}", settings.STAFF_INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now
    )
