"""The patient's side: the intake form and the result page."""

import logging
import uuid

from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.roles import is_patient
from clinic.client_address import client_ip
from consultations.forms import IntakeForm
from consultations.models import Consultation
from consultations.rate_limit import intake_submission_allowed
from consultations.rules import current_rules
from consultations.services import consultation_create

logger = logging.getLogger(__name__)


@never_cache
def intake(request):
    try:
        rules = current_rules()
    except DatabaseError:
        logger.warning("Intake form unavailable: the database did not answer")
        return render(request, "503.html", status=503)
    if request.method != "POST":
        # The blank form's HTML is cached per rules version, so it is only built when the cache misses.
        form = SimpleLazyObject(lambda: IntakeForm(rules=rules))
        context = {"form": form, "blank": True, "rules_version": rules.version, "submission_token": uuid.uuid4()}
        return render(request, "consultations/intake.html", context)

    form = IntakeForm(request.POST, rules=rules)
    if not form.is_valid():
        return render(request, "consultations/intake.html", {"form": form})
    try:
        return _submit(request, form, rules)
    except DatabaseError:
        # Nothing was saved (the save is one transaction); the patient keeps every answer and can resend.
        logger.warning("Intake not saved: the database did not answer")
        form.add_error(
            None,
            _(
                "Not saved: we could not save your answers just now. Nothing was stored and your "
                "answers are still here. Please try again in a minute."
            ),
        )
        return render(request, "consultations/intake.html", {"form": form}, status=503)


def _submit(request, form, rules):
    submission = form.intake()
    repeat = Consultation.objects.filter(submission_token=submission.submission_token).first()
    if repeat:
        return redirect(repeat)
    if not intake_submission_allowed(client_ip(request)):
        form.add_error(
            None,
            _(
                "We have had a lot of forms from your connection in the last hour. Your answers are "
                "still here: please try again later, or call the clinic."
            ),
        )
        return render(request, "consultations/intake.html", {"form": form}, status=429)
    consultation, _created = consultation_create(
        intake=submission, rules=rules, patient=request.user if is_patient(request.user) else None
    )
    return redirect(consultation)


@never_cache
def result(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    return render(
        request, "consultations/result.html", {"consultation": consultation, "result": consultation.suggestion}
    )
