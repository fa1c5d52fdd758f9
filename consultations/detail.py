"""Read-side assembly of one consultation for the staff detail and print pages."""

from django.db.models import Prefetch

from audit.models import AuditEvent
from consultations import workflow
from consultations.models import Consultation, Note, StatusChange
from consultations.staff_forms import AssignForm, NoteForm, PlanForm, StatusForm
from treatments.models import Indication


def with_everything(queryset):
    """Everything the detail page shows, in a fixed number of queries whatever the consultation holds."""
    return queryset.select_related("assigned_to", "patient").prefetch_related(
        "concerns__area__region",
        "concerns__concern",
        "earlier_treatments__treatment",
        "screening_answers__precaution",
        "plan_items__treatment",
        "plan_items__area",
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
    )


def plan_options() -> list[tuple[str, str]]:
    """Every treatment and area pair the catalogue has a rule for, as choices for the agreed plan."""
    pairs = (
        Indication.objects.filter(treatment__status="published")
        .values_list("treatment__slug", "treatment__name", "area__slug", "area__name")
        .order_by("treatment__position", "area__region__position", "area__position")
        .distinct()
    )
    return [(f"{t}:{a}", f"{t_name} · {a_name}") for t, t_name, a, a_name in pairs]


def detail_context(consultation: Consultation, **forms) -> dict:
    version = {"version": consultation.version}
    plan_initial = {
        **version,
        "items": [f"{item.treatment.slug}:{item.area.slug}" for item in consultation.plan_items.all()],
        "plan_notes": consultation.plan_notes,
    }
    return {
        "consultation": consultation,
        "result": consultation.suggestion,
        "flags": consultation.suggestion.get("flags", []),
        "can_move": bool(workflow.allowed_next(consultation.status)),
        "note_form": forms.get("note_form") or NoteForm(),
        "status_form": forms.get("status_form") or StatusForm(initial=version, consultation=consultation),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={**version, "assigned_to": consultation.assigned_to_id}),
        "plan_form": forms.get("plan_form") or PlanForm(initial=plan_initial, options=plan_options()),
        "audit_events": AuditEvent.objects.filter(consultation_reference=consultation.reference)[:50],
    }
