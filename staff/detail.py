"""Read-side assembly of one consultation for the staff detail and print pages."""

from django.db.models import Count, Prefetch, Window
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from consultations import workflow
from consultations.models import (
    Consultation,
    EarlierTreatment,
    Note,
    PlanItem,
    ReportedConcern,
    ScreeningAnswer,
    StatusChange,
)
from consultations.review import plan_agreed
from staff.forms import AssignForm, NoteForm, PlanForm, StatusForm
from treatments.models import Indication

AUDIT_EVENTS_SHOWN = 20


def with_everything(queryset):
    """Everything the detail page shows, in seven queries whatever the consultation holds."""
    return queryset.select_related("assigned_to", "patient", "entered_by").prefetch_related(
        Prefetch("concerns", queryset=ReportedConcern.objects.select_related("area__region", "concern")),
        Prefetch("earlier_treatments", queryset=EarlierTreatment.objects.select_related("treatment")),
        Prefetch("screening_answers", queryset=ScreeningAnswer.objects.select_related("precaution")),
        Prefetch("plan_items", queryset=PlanItem.objects.select_related("treatment", "area")),
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
    )


def plan_options(consultation: Consultation) -> list[tuple[str, str]]:
    """Every treatment and area pair the catalogue has a rule for, as choices for the agreed plan. The pairs the
    consultation's suggestion named come first and say so, so staff need not read the list against the suggestion
    above it."""
    suggested = {
        f"{suggestion['treatment']}:{area}"
        for suggestion in consultation.suggestion.get("suggestions", [])
        for area in suggestion.get("areas", [])
    }
    pairs = (
        Indication.objects.filter(treatment__status="published")
        .values_list("treatment__slug", "treatment__name", "area__slug", "area__name")
        .order_by("treatment__position", "area__region__position", "area__position")
        .distinct()
    )
    options = [(f"{t}:{a}", f"{t_name} · {a_name}") for t, t_name, a, a_name in pairs]
    return [
        *((value, _("Suggested: %(option)s") % {"option": label}) for value, label in options if value in suggested),
        *((value, label) for value, label in options if value not in suggested),
    ]


def record_context(consultation: Consultation) -> dict:
    """What the print view shows: the consultation with everything prefetched. Each flag carries what the patient
    wrote beside the answer that raised it ("Aspirin 75 mg daily"), which the practitioner weighs with it."""
    written = {
        answer.precaution.slug: answer.detail
        for answer in consultation.screening_answers.all()
        if answer.answer and answer.detail
    }
    flags = [
        {**flag, "detail": written.get(flag["precaution"], "")} for flag in consultation.suggestion.get("flags", [])
    ]
    plan_items = consultation.plan_items.all()
    return {
        "consultation": consultation,
        "result": consultation.suggestion,
        "flags": flags,
        # An empty plan is "not agreed yet" unless staff recorded that no treatment was agreed.
        "no_treatment_agreed": not plan_items and plan_agreed(consultation.reference),
    }


def latest_read_by_others(reference: str, viewer) -> AuditEvent | None:
    """The last time someone other than `viewer` opened the consultation (staff, or the patient reading their
    result), with `reads`: how many times others have opened it. Counting the viewer's own reads would make every
    page say it had just been opened."""
    return (
        AuditEvent.objects.filter(consultation_reference=reference, action=AuditEvent.Action.VIEWED)
        .exclude(actor_username=viewer.get_username())
        .annotate(reads=Window(Count("id")))
        .only("at", "actor_username", "action")
        .order_by("-at", "-id")
        .first()
    )


def detail_context(consultation: Consultation, viewer, **forms) -> dict:
    """The detail page as `viewer` sees it: `consultation` comes from with_everything(); `forms` are bound forms
    after a refused edit, so the editor's input and the errors are shown."""
    version = {"version": consultation.version}
    record = record_context(consultation)
    plan_initial = {
        **version,
        "items": [f"{item.treatment.slug}:{item.area.slug}" for item in consultation.plan_items.all()],
        "no_treatment": record["no_treatment_agreed"],
        "plan_notes": consultation.plan_notes,
    }
    return {
        **record,
        "can_move": bool(workflow.allowed_next(consultation.status)),
        "note_form": forms.get("note_form") or NoteForm(),
        "status_form": forms.get("status_form") or StatusForm(initial=version, consultation=consultation),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={**version, "assigned_to": consultation.assigned_to_id}),
        "plan_form": forms.get("plan_form") or PlanForm(initial=plan_initial, options=plan_options(consultation)),
        # What was done to the record; reads are many, so they are summed up apart instead of crowding it out.
        "audit_events": AuditEvent.objects.filter(consultation_reference=consultation.reference)
        .exclude(action=AuditEvent.Action.VIEWED)
        .only("at", "actor_username", "action", "detail")[:AUDIT_EVENTS_SHOWN],
        "audit_events_shown": AUDIT_EVENTS_SHOWN,
        # The same email address, in any case: staff see the patient's history; the patient never sees another's.
        "earlier_consultations": Consultation.objects.filter(email__iexact=consultation.email)
        .exclude(email="")  # patients with no email address are not one patient
        .exclude(pk=consultation.pk)
        .filter(anonymised_at__isnull=True)
        .only("reference", "created_at", "status")
        .order_by("-created_at")[:10],
        "latest_read_by_others": latest_read_by_others(consultation.reference, viewer),
    }
