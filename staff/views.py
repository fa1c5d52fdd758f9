"""The staff workspace: the queue, one consultation, the edits on it, and exports."""

import json
import uuid
from functools import wraps

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import export_required, staff_required
from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.client_address import client_ip
from clinic.db_router import reporting_database
from consultations import exports, fhir, tablet
from consultations.models import Consultation
from consultations.rate_limit import staff_intake_allowed
from consultations.result_access import submission_already_sent, submission_remember
from consultations.review import (
    EDIT_CONFLICT_MESSAGE,
    EditConflict,
    TransitionRefused,
    Unchanged,
    consultation_assign,
    consultation_note_add,
    consultation_plan_agree,
    consultation_status_change,
)
from consultations.rules import current_rules
from consultations.services import consultation_create
from staff.detail import detail_context, plan_options, record_context, with_everything
from staff.forms import AssignForm, NoteForm, PlanForm, StaffIntakeForm, StatusForm
from staff.queue import (
    COUNT_CAP,
    SORTS_SHOWN,
    QueueFilter,
    query_without,
    queue_page,
    sort_order,
    sort_used,
    status_counts,
)
from treatments.models import Area, Treatment


@staff_required
@never_cache
def queue(request):
    filters = QueueFilter(request.GET or None, queryset=Consultation.objects.all())
    sort = sort_used(request.GET.get("sort", ""), request.GET.get("status", ""))
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    page = queue_page(
        filters.qs if filters.is_bound else Consultation.objects.all(),
        sort=sort,
        page=page_number,
        treatment_names=filters.treatment_names,
    )
    counts = status_counts()
    tabs = [(value, label, counts[value]) for value, label in Consultation.Status.choices]
    context = {
        "filters": filters,
        "page": page,
        "sort": sort,
        "sort_column": SORTS_SHOWN[sort][0],
        "sort_direction": SORTS_SHOWN[sort][1],
        "sort_caption": SORTS_SHOWN[sort][2],
        "tabs": tabs,
        # Each status is counted up to the cap, so the sum passes the cap exactly when the whole queue does.
        "all_count": sum(counts.values()),
        "count_cap": COUNT_CAP,
        "sort_query": query_without(request.GET, "sort", "page"),
        # A tab changes the status and keeps the search, the other filters and the sort.
        "tab_query": query_without(request.GET, "status", "page"),
        "page_query": query_without(request.GET, "page"),
    }
    return render(request, "staff/queue.html", context)


@staff_required
@never_cache
def intake(request):
    """A consultation taken with the patient at the desk or on the phone: the patient's form, staff's voice. Staff
    are not held to the per-address limit on patients' forms (the front desk shares one connection) but to one per
    account."""
    rules = current_rules()
    form = StaffIntakeForm(
        request.POST or None,
        rules=rules,
        staff_name=request.user.get_username(),
        initial={"submission_token": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        if not staff_intake_allowed(request.user.pk):
            form.add_error(
                None,
                _(
                    "You have entered a lot of consultations in the last hour. The answers are still here: please "
                    "try again in a while."
                ),
            )
            return render(request, "staff/intake.html", {"form": form}, status=429)
        submission = form.intake()
        already_sent = submission_already_sent(request, submission)
        if already_sent:
            messages.info(request, _("These answers were already saved, so they were not saved again."))
            return redirect("staff:detail", reference=already_sent)
        consultation, _created = consultation_create(
            intake=submission, rules=rules, entered_by=request.user, channel=form.cleaned_data["channel"]
        )
        submission_remember(request, consultation.reference, submission)
        messages.success(request, _("Saved. This is what the form suggests: tell the patient what to discuss."))
        return redirect("staff:detail", reference=consultation.reference)
    return render(request, "staff/intake.html", {"form": form})


@staff_required
@require_POST
def tablet_handover(request):
    """Hand this device to a patient: staff are signed out on it and the patient fills in the form themselves."""
    tablet.handover_start(request)
    return redirect("consultations:tablet")


@staff_required
@never_cache
def detail(request, reference):
    consultation = get_object_or_404(with_everything(Consultation.objects), reference=reference)
    audit_record(actor=request.user, action=AuditEvent.Action.VIEWED, reference=reference, ip=client_ip(request))
    return render(request, "staff/detail.html", detail_context(consultation, request.user))


def edit_view(view):
    """An edit of one consultation, sent by its form. The address a refused edit was shown at, opened again (Enter
    in the address bar, a bookmark), leads back to the consultation rather than to "method not allowed"."""

    @wraps(view)
    def wrapped(request, reference):
        if request.method != "POST":
            return redirect("staff:detail", reference=reference)
        return view(request, reference)

    return wrapped


def _rerender(request, consultation, error, *, conflict=False, **forms):
    """Show the detail page again with the editor's input kept and the reason it was not saved: at the top of the
    page too, since on a phone the form with its field's message is far below. 409 when the edit conflicts with the
    record as it is now (`conflict`: someone saved since, or the status cannot move that way from where it is), 200
    for input to correct, as Django's forms do."""
    consultation = with_everything(Consultation.objects).get(pk=consultation.pk)
    # The page shows the whole record again, so it is a read like the detail page's.
    audit_record(
        actor=request.user, action=AuditEvent.Action.VIEWED, reference=consultation.reference, ip=client_ip(request)
    )
    reasons = [str(message) for form in forms.values() for errors in form.errors.values() for message in errors]
    messages.error(request, " ".join([str(error), *reasons]))
    context = detail_context(consultation, request.user, **forms)
    return render(request, "staff/detail.html", context, status=409 if conflict else 200)


@staff_required
@edit_view
def note_add(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _rerender(request, consultation, _("The note was not saved."), note_form=form)
    consultation_note_add(
        consultation=consultation, author=request.user, text=form.cleaned_data["text"], ip=client_ip(request)
    )
    messages.success(request, _("Note added."))
    return redirect("staff:detail", reference=reference)


@staff_required
@edit_view
def status_change(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    form = StatusForm(request.POST, consultation=consultation)
    if not form.is_valid():
        if form.is_out_of_date():  # a fresh form then offers the moves from the status as it is now
            return _rerender(request, consultation, EDIT_CONFLICT_MESSAGE, conflict=True)
        return _rerender(request, consultation, _("The status was not changed."), status_form=form)
    try:
        consultation_status_change(
            consultation_id=consultation.pk,
            user=request.user,
            to_status=form.cleaned_data["to_status"],
            seen_version=form.cleaned_data["version"],
            ip=client_ip(request),
        )
    except (EditConflict, TransitionRefused) as refusal:
        return _rerender(request, consultation, str(refusal), conflict=True, status_form=form)
    messages.success(request, _("Status changed."))
    return redirect("staff:detail", reference=reference)


@staff_required
@edit_view
def assign(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _rerender(request, consultation, _("The assignment was not saved."), assign_form=form)
    try:
        consultation_assign(
            consultation_id=consultation.pk,
            user=request.user,
            assignee=form.cleaned_data["assigned_to"],
            seen_version=form.cleaned_data["version"],
            ip=client_ip(request),
        )
    except EditConflict as refusal:
        return _rerender(request, consultation, str(refusal), conflict=True, assign_form=form)
    except Unchanged as unchanged:
        messages.info(request, str(unchanged))
        return redirect("staff:detail", reference=reference)
    messages.success(request, _("Assignment saved."))
    return redirect("staff:detail", reference=reference)


@staff_required
@edit_view
def plan_agree(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    form = PlanForm(request.POST, options=plan_options(consultation))
    if not form.is_valid():
        return _rerender(request, consultation, _("The plan was not saved."), plan_form=form)
    pairs = [value.split(":", 1) for value in form.cleaned_data["items"]]
    treatments = Treatment.objects.in_bulk([t for t, _ in pairs], field_name="slug")
    areas = Area.objects.in_bulk([a for _, a in pairs], field_name="slug")
    try:
        consultation_plan_agree(
            consultation_id=consultation.pk,
            user=request.user,
            items=[(treatments[t], areas[a]) for t, a in pairs],
            plan_notes=form.cleaned_data["plan_notes"],
            seen_version=form.cleaned_data["version"],
            ip=client_ip(request),
        )
    except EditConflict as refusal:
        return _rerender(request, consultation, str(refusal), conflict=True, plan_form=form)
    except Unchanged as unchanged:
        messages.info(request, str(unchanged))
        return redirect("staff:detail", reference=reference)
    messages.success(request, _("Plan saved."))
    return redirect("staff:detail", reference=reference)


@export_required
@never_cache
def print_view(request, reference):
    consultation = get_object_or_404(with_everything(Consultation.objects), reference=reference)
    audit_record(
        actor=request.user, action=AuditEvent.Action.VIEWED, reference=reference, detail="print", ip=client_ip(request)
    )
    return render(request, "staff/print.html", record_context(consultation))


@export_required
@never_cache
def export_csv(request):
    filters = QueueFilter(request.GET or None, queryset=Consultation.objects.all())
    queryset = filters.qs if filters.is_bound else Consultation.objects.all()
    audit_record(actor=request.user, action=AuditEvent.Action.EXPORTED, detail="queue as CSV", ip=client_ip(request))
    # In the order the queue shows them, so the file reads like the screen it was exported from.
    return exports.csv_response(
        queryset.using(reporting_database()).order_by(
            *sort_order(request.GET.get("sort", ""), request.GET.get("status", ""))
        )
    )


@export_required
@never_cache
def export_fhir(request, reference):
    consultation = get_object_or_404(Consultation, reference=reference)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORTED,
        reference=reference,
        detail="FHIR QuestionnaireResponse",
        ip=client_ip(request),
    )
    response = JsonResponse(fhir.questionnaire_response(consultation), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="consultation-{reference}.fhir.json"'
    response["Content-Type"] = "application/fhir+json"
    return response


@staff_required
def export_questionnaire(request):
    body = json.dumps(fhir.questionnaire(current_rules()), indent=2)
    return HttpResponse(body, content_type="application/fhir+json")
