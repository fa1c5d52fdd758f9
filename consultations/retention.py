"""Retention: consultations older than the configured period lose their personal data, or are deleted; saved intake
forms are deleted once their days are up."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations.models import Consultation, EarlierTreatment, IntakeDraft, Note, ScreeningAnswer

ANONYMISED_NAME = "Anonymised"


@dataclass(frozen=True)
class RetentionReport:
    cutoff: object
    matched: int
    applied: bool
    mode: str


def due_for_retention(days: int):
    cutoff = timezone.now() - timedelta(days=days)
    return cutoff, Consultation.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)


@transaction.atomic
def retention_apply(*, days: int, mode: str = "anonymise", apply: bool = False) -> RetentionReport:
    """Find consultations older than `days`; with apply=True anonymise or delete them. Safe to run again."""
    if mode not in {"anonymise", "delete"}:
        raise ValueError(f"unknown retention mode {mode!r}")
    cutoff, due = due_for_retention(days)
    rows = list(due.values_list("pk", "reference"))
    if not apply or not rows:
        return RetentionReport(cutoff, len(rows), False, mode)
    ids = [pk for pk, _ in rows]
    if mode == "delete":
        Consultation.objects.filter(pk__in=ids).delete()
    else:
        # Keep what the clinic may count (areas, concerns, status, dates); drop who it was and what they wrote.
        Consultation.objects.filter(pk__in=ids).update(
            full_name=ANONYMISED_NAME,
            email="anonymised@invalid",
            phone="",
            goals="",
            plan_notes="",
            date_of_birth="1900-01-01",
            patient=None,
            anonymised_at=timezone.now(),
            updated_at=timezone.now(),
        )
        ScreeningAnswer.objects.filter(consultation_id__in=ids).update(detail="")
        EarlierTreatment.objects.filter(consultation_id__in=ids).update(outcome="")
        Note.objects.filter(consultation_id__in=ids).update(text="(removed by retention)")
    Consultation.history.filter(id__in=ids).delete()
    for _, reference in rows:
        audit_record(actor=None, action=AuditEvent.Action.RETAINED, reference=reference, detail=mode)
    return RetentionReport(cutoff, len(rows), True, mode)


def expired_drafts_delete(*, apply: bool = False) -> int:
    """Saved intake forms past their expiry (they no longer open): how many, deleted with apply=True."""
    expired = IntakeDraft.objects.filter(expires_at__lte=timezone.now())
    if not apply:
        return expired.count()
    deleted, _by_model = expired.delete()
    return deleted
