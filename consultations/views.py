"""The patient's side: the intake form and the result page."""

import logging
import uuid

from django.contrib import messages
from django.db import DatabaseError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts.roles import is_patient, is_staff_member
from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.client_address import client_ip
from consultations.draft_views import intake_save, intake_sent
from consultations.forms import IntakeForm
from consultations.models import Consultation
from consultations.patient_data import about_you_known
from consultations.rate_limit import intake_submission_allowed, too_many_forms_message
from consultations.result_access import result_readable, submission_already_sent, submission_remember
from consultations.rules import current_rules, rules_last_loaded
from consultations.services import consultation_create
from treatments.catalogue import catalogue_version
from treatments.page_cache import public_page_with_tokens

logger = logging.getLogger(__name__)

ALREADY_SENT_MESSAGE = gettext_lazy(
    "You had already sent these answers, so they were not sent again. This is what to discuss, as before."
)


def _form_unavailable(request):
    logger.warning("Intake form unavailable: the database did not answer")
    return render(request, "503.html", status=503)


@never_cache
def intake(request):
    if request.method != "POST":
        return _blank_form(request)
    try:
        rules, database_answers = current_rules(), True
    except DatabaseError:
        # The rules last loaded show a sent form again with every answer; they are never used to save: the POST
        # then ends in "Not saved".
        rules, database_answers = rules_last_loaded(), False
        if rules is None:
            return _form_unavailable(request)
    form = IntakeForm(request.POST, rules=rules)
    if "save_draft" in request.POST:
        return intake_save(request, form)
    if not form.is_valid():
        return render(request, "consultations/intake.html", {"form": form})
    if not database_answers:
        return _not_saved(request, form)
    try:
        return _submit(request, form, rules)
    except DatabaseError:
        return _not_saved(request, form)


def _blank_form(request):
    """The blank form is the same for everyone but for its tokens: for a visitor without a session the whole page
    comes from the public cache with their own tokens filled in. Otherwise its fields do, so the rules are read and
    the form built only when that copy is missing; but a signed-in patient's page is their own, never stored, with
    "About you" filled in from what the clinic has, to check. With the database down, the rules last loaded still
    show it."""

    def render_page(tokens: dict):
        try:
            version = catalogue_version()
            known = about_you_known(request.user) if is_patient(request.user) else {}
            initial = {**known, "submission_token": tokens["submission_token"]}
            form = SimpleLazyObject(lambda: IntakeForm(rules=current_rules(version), initial=initial))
            rules_current = True
        except DatabaseError:
            rules = rules_last_loaded()
            if rules is None:
                return _form_unavailable(request)
            version, form, rules_current, known = rules.version, IntakeForm(rules=rules), False, {}
        context = {"form": form, "blank": not known, "form_version": version, **tokens}
        response = render(request, "consultations/intake.html", context)
        if not rules_current:
            # Rules that may be older than the catalogue: this page must never be stored as the current one.
            patch_cache_control(response, no_store=True)
        return response

    return public_page_with_tokens(
        request,
        page_name="intake",
        render_page=render_page,
        tokens={"csrf_token": lambda: get_token(request), "submission_token": lambda: str(uuid.uuid4())},
    )


def _not_saved(request, form):
    """Nothing was saved (the save is one transaction); the patient keeps every answer and can resend."""
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
    already_sent = submission_already_sent(request, submission)
    if already_sent:
        messages.info(request, ALREADY_SENT_MESSAGE)
        return redirect("consultations:result", reference=already_sent)
    if not intake_submission_allowed(client_ip(request)):
        form.add_error(None, too_many_forms_message())
        return render(request, "consultations/intake.html", {"form": form}, status=429)
    consultation, _created = consultation_create(
        intake=submission, rules=rules, patient=request.user if is_patient(request.user) else None
    )
    submission_remember(request, consultation.reference, submission)
    intake_sent(request)
    return redirect(consultation)


@never_cache
def result(request, reference):
    if is_staff_member(request.user):
        return redirect("staff:detail", reference=reference)
    consultation = Consultation.objects.filter(reference=reference).first()
    if consultation is None or not result_readable(request, consultation):
        # The same page whether or not the reference exists: a reference opens nothing by itself.
        return render(request, "consultations/result_locked.html", {"reference": reference}, status=403)
    ip = client_ip(request)
    audit_record(actor=request.user, action=AuditEvent.Action.VIEWED, reference=reference, detail="result", ip=ip)
    in_account = consultation.patient_id is not None and consultation.patient_id == request.user.pk
    context = {"consultation": consultation, "result": consultation.suggestion, "in_account": in_account}
    return render(request, "consultations/result.html", context)
