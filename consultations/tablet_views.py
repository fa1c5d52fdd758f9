"""The patient's side of a clinic tablet: the form in the patient's own voice, its result for a short while, and the
locked screen the tablet goes back to."""

import uuid

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.client_address import client_ip
from consultations.forms import IntakeForm
from consultations.models import Channel, Consultation
from consultations.rate_limit import staff_intake_allowed
from consultations.rules import current_rules
from consultations.services import consultation_create
from consultations.tablet import handover_finish, handover_staff, on_tablet, sent_reference, tablet_lock


@never_cache
def intake(request):
    staff = handover_staff(request)
    if staff is None:
        return _locked(request)
    rules = current_rules()
    form = IntakeForm(request.POST or None, rules=rules, initial={"submission_token": uuid.uuid4()}, shared_device=True)
    if request.method == "POST" and form.is_valid():
        if not staff_intake_allowed(staff.pk):
            form.add_error(None, _("This tablet has sent a lot of forms in the last hour. Please ask reception."))
            return render(request, "consultations/tablet_intake.html", _form_context(form), status=429)
        consultation, _created = consultation_create(
            intake=form.intake(), rules=rules, entered_by=staff, channel=Channel.TABLET
        )
        handover_finish(request, consultation.reference)
        return redirect("consultations:tablet-sent")
    return render(request, "consultations/tablet_intake.html", _form_context(form))


@never_cache
def sent(request):
    reference = sent_reference(request)
    if reference is None:
        return _locked(request)
    consultation = get_object_or_404(Consultation, reference=reference)
    audit_record(
        actor=None, action=AuditEvent.Action.VIEWED, reference=reference, detail="result on a clinic tablet",
        ip=client_ip(request),
    )  # fmt: skip
    seconds = settings.TABLET_RESULT_SECONDS
    context = {
        "consultation": consultation,
        "result": consultation.suggestion,
        "lock_after": seconds,
        "lock_minutes": _whole_minutes(seconds),
    }
    return render(request, "consultations/tablet_sent.html", context)


@require_POST
def lock(request):
    return _locked(request)


@never_cache
def locked(request):
    if on_tablet(request):
        tablet_lock(request)
    return render(request, "consultations/tablet_locked.html")


def _form_context(form) -> dict:
    seconds = settings.TABLET_HANDOVER_SECONDS
    return {"form": form, "idle_seconds": seconds, "idle_minutes": _whole_minutes(seconds)}


def _whole_minutes(seconds: int) -> int:
    """For a sentence such as "locks itself in 5 minutes": never "in 0 minutes"."""
    return max(1, round(seconds / 60))


def _locked(request):
    """No hand-over (or it ran out): a tablet locks; anyone else's own session is left alone."""
    if on_tablet(request):
        tablet_lock(request)
    return redirect("consultations:tablet-locked")
