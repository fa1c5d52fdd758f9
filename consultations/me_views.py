"""A patient's own pages: their consultations, a download of all their data, deletion, and claiming."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import patient_required
from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.client_address import client_ip
from consultations.patient_data import (
    claim_refusal,
    consultation_claim,
    consultation_for_claim,
    patient_consultations,
    patient_data_delete,
    patient_data_export,
    patient_deletion_plan,
)


@patient_required
@never_cache
def home(request):
    return render(request, "me/home.html", {"consultations": patient_consultations(request.user)})


@patient_required
@never_cache
def consultation(request, reference):
    # Another patient's reference is simply not found here.
    found = get_object_or_404(patient_consultations(request.user), reference=reference)
    audit_record(actor=request.user, action=AuditEvent.Action.VIEWED, reference=reference, ip=client_ip(request))
    return render(request, "me/consultation.html", {"consultation": found, "result": found.suggestion})


@patient_required
@never_cache
def export(request):
    data = patient_data_export(user=request.user, ip=client_ip(request))
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-consultation-data.json"'
    return response


@patient_required
@never_cache
def delete(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "delete":
            messages.error(request, _("Tick the box to confirm that you want everything deleted."))
            deleted, kept = patient_deletion_plan(request.user)
            return render(request, "me/delete.html", {"deleted": deleted, "kept": kept}, status=400)
        deleted, kept = patient_data_delete(user=request.user, ip=client_ip(request))
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        if kept:
            messages.info(request, _("Consultations our team had worked on are kept as part of your health record."))
        return redirect("home")
    deleted, kept = patient_deletion_plan(request.user)
    return render(request, "me/delete.html", {"deleted": deleted, "kept": kept})


@patient_required
@never_cache
def claim(request, token):
    """The emailed link asks first (a GET changes nothing); the POST puts the consultation in this account."""
    found = consultation_for_claim(token)
    if found is None:
        raise Http404
    if found.patient_id == request.user.pk:
        return redirect("me:consultation", reference=found.reference)
    refusal = claim_refusal(found, request.user)
    if request.method == "POST" and refusal is None:
        consultation_claim(consultation=found, user=request.user, ip=client_ip(request))
        messages.success(request, _("Consultation %(ref)s is now in your account.") % {"ref": found.reference})
        return redirect("me:consultation", reference=found.reference)
    status = 403 if refusal else 200
    return render(request, "me/claim.html", {"consultation": found, "refusal": refusal}, status=status)
