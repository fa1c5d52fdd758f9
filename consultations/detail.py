"""Read-side assembly of one consultation for the staff detail and print pages."""

import functools

from django.core.cache import caches
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from accounts.permissions import access_stamp
from audit.models import AuditEvent
from clinic.fragments import Fragments
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
from consultations.queue import reviewer_choices
from consultations.staff_forms import AssignForm, NoteForm, PlanForm, StatusForm
from treatments.catalogue import catalogue_stamp
from treatments.models import Indication

AUDIT_EVENTS_SHOWN = 20
# The detail page's cached parts, named in templates/staff/detail.html.
DETAIL_FRAGMENTS = ("header", "record", "status-form", "history", "assign-form", "notes", "note-form", "plan-form")
# What the page reads from the consultation on every request: the fragments' key and the forms' state.
DETAIL_LIVE_FIELDS = ("id", "reference", "version", "updated_at", "status", "assigned_to")


def with_everything(queryset):
    """Everything the detail page shows, in seven queries whatever the consultation holds."""
    return queryset.select_related("assigned_to", "patient").prefetch_related(
        Prefetch("concerns", queryset=ReportedConcern.objects.select_related("area__region", "concern")),
        Prefetch("earlier_treatments", queryset=EarlierTreatment.objects.select_related("treatment")),
        Prefetch("screening_answers", queryset=ScreeningAnswer.objects.select_related("precaution")),
        Prefetch("plan_items", queryset=PlanItem.objects.select_related("treatment", "area")),
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
    )


def plan_options() -> list[tuple[str, str]]:
    """Every treatment and area pair the catalogue has a rule for, as choices for the agreed plan.

    Cached until the catalogue changes.
    """
    key = f"consultations:plan-options:{catalogue_stamp()}"
    options = caches["stamped"].get(key)
    if options is None:
        pairs = (
            Indication.objects.filter(treatment__status="published")
            .values_list("treatment__slug", "treatment__name", "area__slug", "area__name")
            .order_by("treatment__position", "area__region__position", "area__position")
            .distinct()
        )
        options = [(f"{t}:{a}", f"{t_name} · {a_name}") for t, t_name, a, a_name in pairs]
        caches["stamped"].set(key, options, 24 * 60 * 60)
    return options


def detail_fragment_key(consultation: Consultation) -> str:
    """What the cached parts of the detail page depend on; any change to one of them gives a new key.

    The consultation's version and last change (every staff edit, note, claim and retention run moves one of
    them), the catalogue (area, concern and treatment names), the accounts (usernames beside notes and changes)
    and the language.
    """
    return ":".join(
        (
            consultation.reference,
            str(consultation.version),
            consultation.updated_at.isoformat(),
            catalogue_stamp(),
            access_stamp(),
            get_language() or "",
        )
    )


def record_context(consultation: Consultation) -> dict:
    """What the print view shows: the consultation with everything prefetched."""
    return {
        "consultation": consultation,
        "result": consultation.suggestion,
        "flags": consultation.suggestion.get("flags", []),
    }


def audit_trail(reference: str) -> list[dict]:
    """The latest events on one consultation, with the text each line shows."""
    labels = dict(AuditEvent.Action.choices)
    events = AuditEvent.objects.filter(consultation_reference=reference).values_list(
        "at", "actor_username", "action", "detail"
    )[:AUDIT_EVENTS_SHOWN]
    return [
        {
            "at": f"{(local := timezone.localtime(at)).day} {local:%b %H:%M}",
            "actor": actor or "system",
            "action": labels.get(action, action),
            "detail": detail,
        }
        for at, actor, action, detail in events
    ]


def detail_context(consultation: Consultation, **forms) -> dict:
    """The detail page: a few columns of the consultation now (DETAIL_LIVE_FIELDS); the rest only when a cached
    fragment has to be rendered.

    `everything` is the consultation with all it holds, fetched on first use: a page whose fragments are all
    cached never runs those seven queries.
    """
    version = {"version": consultation.version}
    everything = functools.cache(lambda: with_everything(Consultation.objects).get(pk=consultation.pk))
    plan_initial = {
        **version,
        # Called only if the plan's choices are rendered (Django calls a callable initial value).
        "items": lambda: [f"{item.treatment.slug}:{item.area.slug}" for item in everything().plan_items.all()],
        "plan_notes": lambda: everything().plan_notes,
    }

    def unbound(name, make):
        # The forms live inside the cached fragments: made only if one of them has to be rendered.
        return forms.get(name) or SimpleLazyObject(make)

    return {
        "consultation": consultation,
        "everything": everything,
        # Not after a refused edit: the forms then carry the editor's input and errors.
        "fragments": None if forms else Fragments("staff-detail", DETAIL_FRAGMENTS, detail_fragment_key(consultation)),
        "can_move": bool(workflow.allowed_next(consultation.status)),
        "note_form": unbound("note_form", NoteForm),
        "status_form": unbound("status_form", lambda: StatusForm(initial=version, consultation=consultation)),
        "assign_form": unbound(
            "assign_form",
            lambda: AssignForm(
                initial={**version, "assigned_to": consultation.assigned_to_id}, reviewers=reviewer_choices()
            ),
        ),
        "plan_form": unbound("plan_form", lambda: PlanForm(initial=plan_initial, options=plan_options())),
        "audit_events": audit_trail(consultation.reference),
        "audit_events_shown": AUDIT_EVENTS_SHOWN,
    }
