"""A patient's rights over their own data: claim a consultation, download everything, delete everything."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations.models import Consultation

CLAIM_SALT = "consultations.claim"
CLAIM_MAX_AGE_SECONDS = 60 * 60 * 24 * 60


def claim_token(consultation: Consultation) -> str:
    return signing.dumps(consultation.reference, salt=CLAIM_SALT)


def consultation_for_claim(token: str) -> Consultation | None:
    try:
        reference = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return Consultation.objects.filter(reference=reference, anonymised_at__isnull=True).first()


@transaction.atomic
def consultation_claim(*, consultation: Consultation, user, ip: str | None = None) -> bool:
    """Attach an unclaimed consultation to the patient's account. False if someone else holds it."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.patient_id not in (None, user.pk):
        return False
    if locked.patient_id is None:
        locked.patient = user
        locked.save(update_fields=["patient", "updated_at"])
        audit_record(actor=user, action=AuditEvent.Action.CLAIMED, reference=locked.reference, ip=ip)
    return True


def _consultation_data(consultation: Consultation) -> dict:
    return {
        "reference": consultation.reference,
        "submitted_at": consultation.created_at.isoformat(),
        "status": consultation.status,
        "full_name": consultation.full_name,
        "email": consultation.email,
        "phone": consultation.phone,
        "date_of_birth": consultation.date_of_birth.isoformat(),
        "contact_method": consultation.contact_method,
        "goals": consultation.goals,
        "consent": {"version": consultation.consent_version, "given_at": consultation.consented_at.isoformat()},
        "concerns": [
            {"area": c.area.slug, "concern": c.concern.slug, "severity": c.severity}
            for c in consultation.concerns.all()
        ],
        "earlier_treatments": [
            {"treatment": e.treatment.slug, "months_ago": e.months_ago, "how_it_went": e.outcome}
            for e in consultation.earlier_treatments.all()
        ],
        "screening": [
            {"question": a.question, "answer": a.answer, "detail": a.detail}
            for a in consultation.screening_answers.all()
        ],
        "suggestion_shown": consultation.suggestion,
        "plan_agreed": {
            "items": [{"treatment": p.treatment.slug, "area": p.area.slug} for p in consultation.plan_items.all()],
            "notes": consultation.plan_notes,
        },
    }


def patient_consultations(user):
    return (
        Consultation.objects.filter(patient=user, anonymised_at__isnull=True)
        .prefetch_related(
            "concerns__area",
            "concerns__concern",
            "earlier_treatments__treatment",
            "screening_answers",
            "plan_items__treatment",
            "plan_items__area",
        )
        .order_by("-created_at")
    )


def patient_data_export(*, user, ip: str | None = None) -> dict:
    consultations = list(patient_consultations(user))
    for consultation in consultations:
        audit_record(
            actor=user,
            action=AuditEvent.Action.EXPORTED,
            reference=consultation.reference,
            detail="patient data",
            ip=ip,
        )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.get_username(), "email": user.email, "joined": user.date_joined.isoformat()},
        "consultations": [_consultation_data(c) for c in consultations],
    }


@transaction.atomic
def patient_data_delete(*, user, ip: str | None = None) -> int:
    """Delete the patient's consultations, every history copy of them, and the account. Audited per consultation."""
    consultations = list(Consultation.objects.filter(patient=user).values_list("pk", "reference"))
    ids = [pk for pk, _ in consultations]
    for _, reference in consultations:
        audit_record(
            actor=user, action=AuditEvent.Action.DELETED, reference=reference, detail="at the patient's request", ip=ip
        )
    Consultation.objects.filter(pk__in=ids).delete()
    # simple-history keeps a copy of each version, and one more of the deleted row: remove them all.
    Consultation.history.filter(id__in=ids).delete()
    get_user_model().objects.filter(pk=user.pk).delete()
    return len(ids)
