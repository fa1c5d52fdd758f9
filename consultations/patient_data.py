"""A patient's rights over their own data: claim a consultation, download everything, delete everything."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations.models import Consultation, Note, PlanItem, StatusChange

CLAIM_SALT = "consultations.claim"
# A claim link works for a week, and once: a claimed consultation cannot be claimed again.
CLAIM_MAX_AGE_SECONDS = 60 * 60 * 24 * 7


def claim_token(consultation: Consultation) -> str:
    return signing.dumps(consultation.reference, salt=CLAIM_SALT)


def consultation_for_claim(token: str) -> Consultation | None:
    try:
        reference = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return Consultation.objects.filter(reference=reference, anonymised_at__isnull=True).first()


def claim_refusal(consultation: Consultation, user) -> str | None:
    """Why this account cannot take the consultation, or None: only an account that has verified the
    consultation's email address may, and only while nobody holds it."""
    if consultation.patient_id not in (None, user.pk):
        return _("This consultation is already in another account.")
    if not EmailAddress.objects.filter(user=user, email__iexact=consultation.email.strip(), verified=True).exists():
        return _(
            "This consultation was sent with another email address than your account's verified one. Sign in with "
            "the account for the email address you gave in the form, or create one with it and confirm the address."
        )
    return None


@transaction.atomic
def consultation_claim(*, consultation: Consultation, user, ip: str | None = None) -> bool:
    """Attach an unclaimed consultation to the account with its email address. False if it may not be."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if claim_refusal(locked, user) is not None:
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


def about_you_known(user) -> dict:
    """A signed-in patient's "About you" answers as the clinic already has them: the account's email, and the name,
    phone number and date of birth they gave last time, for them to check rather than type again."""
    last = (
        Consultation.objects.filter(patient=user, anonymised_at__isnull=True)
        .order_by("-created_at")
        .values("full_name", "phone", "date_of_birth")
        .first()
    ) or {}
    known = {**last, "email": user.email, "full_name": last.get("full_name") or user.get_full_name()}
    return {name: value for name, value in known.items() if value}


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


def clinic_acted_on() -> Q:
    """Consultations someone at the clinic has worked on: they are part of a health record from then on."""
    return (
        ~Q(status=Consultation.Status.NEW)
        | Q(assigned_to__isnull=False)
        | ~Q(plan_notes="")
        | Exists(Note.objects.filter(consultation=OuterRef("pk")))
        | Exists(StatusChange.objects.filter(consultation=OuterRef("pk")))
        | Exists(PlanItem.objects.filter(consultation=OuterRef("pk")))
    )


def patient_deletion_plan(user) -> tuple[list[str], list[str]]:
    """(references deleted, references kept) if the patient deleted their account now."""
    mine = Consultation.objects.filter(patient=user)
    kept = list(mine.filter(clinic_acted_on()).values_list("reference", flat=True))
    deleted = list(mine.exclude(reference__in=kept).values_list("reference", flat=True))
    return deleted, kept


@transaction.atomic
def patient_data_delete(*, user, ip: str | None = None) -> tuple[int, int]:
    """Delete the account and every consultation no one at the clinic has acted on, history copies included.

    A consultation with staff notes, status changes, an assignment or a plan is part of the clinic's health record
    (GDPR Art. 17(3)(c) with Art. 9(2)(h)): it is kept, no longer linked to the account, and anonymised by the
    retention policy in time. Returns (deleted, kept); audited per consultation.
    """
    deleted, kept = patient_deletion_plan(user)
    for reference in deleted:
        audit_record(
            actor=user, action=AuditEvent.Action.DELETED, reference=reference, detail="at the patient's request", ip=ip
        )
    for reference in kept:
        audit_record(
            actor=user,
            action=AuditEvent.Action.CHANGED,
            reference=reference,
            detail="account deleted; kept as a clinical record",
            ip=ip,
        )
    ids = list(Consultation.objects.filter(reference__in=deleted).values_list("pk", flat=True))
    Consultation.objects.filter(pk__in=ids).delete()
    # simple-history keeps a copy of each version, and one more of the deleted row: remove them all.
    Consultation.history.filter(id__in=ids).delete()
    Consultation.objects.filter(reference__in=kept).update(patient=None, updated_at=timezone.now())
    get_user_model().objects.filter(pk=user.pk).delete()
    return len(deleted), len(kept)
