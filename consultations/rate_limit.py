"""Per-client limits: intake submissions and saves (INTAKE_SUBMISSIONS_PER_HOUR), tries of a saved form's code;
and per staff account (STAFF_INTAKE_SUBMISSIONS_PER_HOUR), since a front desk shares one connection."""

from django.conf import settings
from django.utils.translation import gettext as _

from clinic.rate_limits import attempt_allowed

WINDOW_SECONDS = 3600


def intake_submission_allowed(ip: str | None, now: float | None = None) -> bool:
    """Count one submission from this address in the current hour; False once over the limit."""
    return attempt_allowed("intake", ip, settings.INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now)


# Guessing a code needs the link first; this bounds what one address can try across many links.
DRAFT_CODE_CHECKS_PER_HOUR = 30


def draft_save_allowed(ip: str | None, now: float | None = None) -> bool:
    """Count one "save and finish later" from this address: each sends an email, so it is limited like the intake."""
    return attempt_allowed("intake-draft", ip, settings.INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now)


def draft_code_check_allowed(ip: str | None, now: float | None = None) -> bool:
    return attempt_allowed("intake-draft-code", ip, DRAFT_CODE_CHECKS_PER_HOUR, WINDOW_SECONDS, now)


def staff_intake_allowed(user_id: int, now: float | None = None) -> bool:
    """Count one consultation taken by this staff account in the current hour; False once over the limit."""
    return attempt_allowed(
        "staff-intake", f"user-{user_id}", settings.STAFF_INTAKE_SUBMISSIONS_PER_HOUR, WINDOW_SECONDS, now
    )


def too_many_forms_message() -> str:
    """What a patient is told when their connection's forms (sent or saved) are over the hourly limit."""
    return _(
        "We have had a lot of forms from your connection in the last hour. Your answers are still here: please try "
        "again later, or call us on %(phone)s (%(hours)s)."
    ) % {"phone": settings.CLINIC_PHONE, "hours": settings.CLINIC_OPENING_HOURS}
