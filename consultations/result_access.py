"""Who may read a consultation's result page: the browser that sent it (for a short while) and its owner.

The reference alone opens nothing: it travels in emails, access logs and browser history. Staff read
consultations through the staff pages.
"""

import time

from django.conf import settings

from accounts.roles import is_patient
from consultations.intake import Intake
from consultations.models import Consultation

SESSION_KEY = "consultations_sent"  # reference -> when this browser sent it (seconds since the epoch)
# answers' fingerprint -> reference: the same answers sent again from this browser (Back, then send) find their
# consultation instead of making a second one.
ANSWERS_KEY = "consultations_sent_answers"


def submission_remember(request, reference: str, intake: Intake) -> None:
    """This browser session just sent the consultation: it may read the result for RESULT_SESSION_SECONDS."""
    now = int(time.time())
    sent = {
        ref: at
        for ref, at in request.session.get(SESSION_KEY, {}).items()
        if now - at < settings.RESULT_SESSION_SECONDS
    }
    sent[reference] = now
    request.session[SESSION_KEY] = sent
    answers = {answers_print: ref for answers_print, ref in request.session.get(ANSWERS_KEY, {}).items() if ref in sent}
    answers[intake.fingerprint()] = reference
    request.session[ANSWERS_KEY] = answers


def _sent_lately(request, reference: str | None) -> bool:
    """Whether this browser sent the consultation and may still read its result."""
    sent_at = request.session.get(SESSION_KEY, {}).get(reference)
    return sent_at is not None and time.time() - sent_at < settings.RESULT_SESSION_SECONDS


def submission_already_sent(request, intake: Intake) -> str | None:
    """The reference of a consultation this browser sent with exactly these answers, while it may still read it."""
    reference = request.session.get(ANSWERS_KEY, {}).get(intake.fingerprint())
    return reference if _sent_lately(request, reference) else None


def result_readable(request, consultation: Consultation) -> bool:
    user = request.user
    if is_patient(user) and consultation.patient_id == user.pk:
        return True
    return _sent_lately(request, consultation.reference)
