"""Staff writes on a consultation: notes, status, assignment, the agreed plan. Each is audited.

Edits that replace a value (status, assignment, plan) carry the version the editor saw; if someone saved in
between, the edit is refused with EditConflict and nothing is written (optimistic locking).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations import workflow
from consultations.models import Consultation, Note, PlanItem, StatusChange


class EditConflict(Exception):
    """The consultation was saved (by a colleague, or the editor in another tab) after the editor loaded it."""


class TransitionRefused(Exception):
    """The status change does not make sense from the current status."""


class Unchanged(Exception):
    """The edit would save what is already there: nothing is written, and the trail gets no event for it."""


EDIT_CONFLICT_MESSAGE = gettext_lazy(
    "This consultation has changed since you opened it, by a colleague or by you in another tab. Your input is "
    "kept below: check the change, then save again."
)


def _locked(consultation_id: int, seen_version: int) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation_id)
    if consultation.version != seen_version:
        raise EditConflict(EDIT_CONFLICT_MESSAGE)
    return consultation


def _bump(consultation: Consultation, *fields: str) -> None:
    consultation.version += 1
    consultation.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def consultation_note_add(*, consultation: Consultation, author, text: str, ip: str | None = None) -> Note:
    note = Note.objects.create(consultation=consultation, author=author, text=text)
    # A new note is a change to the consultation, so its "last changed" time moves too.
    Consultation.objects.filter(pk=consultation.pk).update(updated_at=timezone.now())
    audit_record(actor=author, action=AuditEvent.Action.NOTE_ADDED, reference=consultation.reference, ip=ip)
    return note


@transaction.atomic
def consultation_status_change(
    *, consultation_id: int, user, to_status: str, seen_version: int, ip: str | None = None
) -> Consultation:
    consultation = _locked(consultation_id, seen_version)
    from_status = consultation.status
    if not workflow.is_allowed(from_status, to_status):
        raise TransitionRefused(
            _("A consultation cannot go from %(from)s to %(to)s.")
            % {
                "from": consultation.get_status_display(),
                "to": dict(Consultation.Status.choices).get(to_status, to_status),
            }
        )
    consultation.status = to_status
    _bump(consultation, "status")
    StatusChange.objects.create(
        consultation=consultation, changed_by=user, from_status=from_status, to_status=to_status
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.STATUS_CHANGED,
        reference=consultation.reference,
        detail=f"{Consultation.Status(from_status).label} → {Consultation.Status(to_status).label}",
        ip=ip,
    )
    return consultation


@transaction.atomic
def consultation_assign(
    *, consultation_id: int, user, assignee, seen_version: int, ip: str | None = None
) -> Consultation:
    consultation = _locked(consultation_id, seen_version)
    if consultation.assigned_to_id == (assignee.pk if assignee else None):
        raise Unchanged(_("The assignment was not changed."))
    consultation.assigned_to = assignee
    _bump(consultation, "assigned_to")
    audit_record(
        actor=user,
        action=AuditEvent.Action.ASSIGNED,
        reference=consultation.reference,
        detail=_("to %(name)s") % {"name": assignee.get_username()} if assignee else _("nobody"),
        ip=ip,
    )
    return consultation


def plan_agreed(reference: str) -> bool:
    """Whether a plan was ever agreed for the consultation, be it one of no treatment."""
    return AuditEvent.objects.filter(consultation_reference=reference, action=AuditEvent.Action.PLAN_AGREED).exists()


@transaction.atomic
def consultation_plan_agree(
    *, consultation_id: int, user, items: list[tuple], plan_notes: str, seen_version: int, ip: str | None = None
) -> Consultation:
    """Replace the agreed plan: items are (treatment, area) model pairs."""
    consultation = _locked(consultation_id, seen_version)
    saved = set(consultation.plan_items.values_list("treatment_id", "area_id"))
    # A first save of an empty plan is a decision (no treatment, ticked as such), so it is recorded like any other.
    unchanged = saved == {(t.pk, a.pk) for t, a in items} and consultation.plan_notes == plan_notes
    if unchanged and plan_agreed(consultation.reference):
        raise Unchanged(_("The plan was not changed."))
    consultation.plan_items.all().delete()
    PlanItem.objects.bulk_create(PlanItem(consultation=consultation, treatment=t, area=a) for t, a in items)
    consultation.plan_notes = plan_notes
    _bump(consultation, "plan_notes")
    audit_record(
        actor=user,
        action=AuditEvent.Action.PLAN_AGREED,
        reference=consultation.reference,
        detail="; ".join(f"{treatment.name}: {area.name}" for treatment, area in items) or _("no treatment"),
        ip=ip,
    )
    return consultation
