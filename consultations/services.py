"""Writes for consultations: creating one from a valid intake, with its suggestion and emails."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.context_processors import clinic as clinic_details
from clinic.mail import patient_mail_send
from consultations.consent import CONSENT_VERSION
from consultations.intake import Intake
from consultations.models import Consultation, EarlierTreatment, ReportedConcern, ScreeningAnswer
from consultations.patient_data import claim_token
from consultations.rules import current_rules
from consultations.suggestions import Rules, suggest
from treatments.models import Area, Concern, Precaution, Treatment

logger = logging.getLogger(__name__)


def consultation_create(
    *,
    intake: Intake,
    rules: Rules | None = None,
    patient=None,
    send_emails: bool = True,
    entered_by=None,
    channel: str = "",
) -> tuple[Consultation, bool]:
    """Save the intake with the suggestion shown, all or nothing. Returns (consultation, created).

    The submission token makes a double submit, even a concurrent one, save one consultation: its unique
    constraint refuses the second insert, which then finds the first and returns it. (The intake view looks the
    token up itself first, so a repeat is not counted against the rate limit.)
    """
    rules = rules or current_rules()
    result = suggest(intake.answers(), rules)
    try:
        with transaction.atomic():
            consultation = _save(intake, result.as_dict(), rules.version, patient, entered_by, channel)
    except IntegrityError:
        existing = Consultation.objects.filter(submission_token=intake.submission_token).first()
        if existing is None:
            raise
        return existing, False
    if send_emails:
        transaction.on_commit(lambda: _emails_send_logged(consultation))
    return consultation, True


def _save(intake: Intake, suggestion: dict, rules_version: str, patient, entered_by, channel) -> Consultation:
    consultation = Consultation.objects.create(
        patient=patient if patient is not None and patient.is_authenticated else None,
        entered_by=entered_by,
        channel=channel,
        has_flags=bool(suggestion["flags"]),
        flag_labels=[flag["label"] for flag in suggestion["flags"]],
        # Wrapped in commas so a filter can match ",botox," exactly.
        suggested_treatments=",{},".format(",".join(s["treatment"] for s in suggestion["suggestions"])),
        submission_token=intake.submission_token,
        full_name=intake.full_name,
        email=intake.email,
        phone=intake.phone,
        date_of_birth=intake.date_of_birth,
        contact_method=intake.contact_method,
        goals=intake.goals,
        consent_version=CONSENT_VERSION,
        consented_at=timezone.now(),
        suggestion=suggestion,
        rules_version=rules_version,
    )
    areas = Area.objects.in_bulk([a for a, _, _ in intake.concerns], field_name="slug")
    concerns = Concern.objects.in_bulk([c for _, c, _ in intake.concerns], field_name="slug")
    ReportedConcern.objects.bulk_create(
        ReportedConcern(consultation=consultation, area=areas[a], concern=concerns[c], severity=severity)
        for a, c, severity in intake.concerns
    )
    treatments = Treatment.objects.in_bulk([t for t, _, _ in intake.earlier], field_name="slug")
    EarlierTreatment.objects.bulk_create(
        EarlierTreatment(consultation=consultation, treatment=treatments[t], months_ago=months, outcome=outcome)
        for t, months, outcome in intake.earlier
    )
    precautions = Precaution.objects.in_bulk([p for p, _, _ in intake.screening], field_name="slug")
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            consultation=consultation,
            precaution=precautions[p],
            question=precautions[p].question,
            answer=answer,
            detail=detail,
        )
        for p, answer, detail in intake.screening
    )
    audit_record(
        actor=entered_by or patient,
        action=AuditEvent.Action.SUBMITTED,
        reference=consultation.reference,
        detail=consultation.entered_by_text,
    )
    return consultation


def _emails_send_logged(consultation: Consultation) -> None:
    # The consultation is saved whatever happens to the mail server; staff see it in the queue either way.
    try:
        consultation_emails_send(consultation)
    except Exception:
        logger.exception("Could not send the emails for consultation %s", consultation.reference)


def consultation_emails_send(consultation: Consultation) -> None:
    """Tell the patient their reference and staff that a consultation came in: no health details, no reference in a
    subject, and no link that opens a consultation without signing in."""
    context = {
        "consultation": consultation,
        "staff_url": settings.SITE_URL + reverse("staff:detail", kwargs={"reference": consultation.reference}),
        "claim_url": settings.SITE_URL + reverse("me:claim", kwargs={"token": claim_token(consultation)}),
        **clinic_details(None),
    }
    # A consultation staff took with the patient is worded for that: the patient did not fill in a form (on a
    # clinic tablet they did).
    body = "patient_body_entered_by_staff.txt" if consultation.taken_by_staff else "patient_body.txt"
    if consultation.email:  # staff may take a consultation from a patient with no email address
        patient_mail_send(
            subject=render_to_string("consultations/email/patient_subject.txt", context).strip(),
            body=render_to_string(f"consultations/email/{body}", context),
            to=consultation.email,
        )
    if settings.STAFF_NOTIFICATION_EMAILS:
        send_mail(
            subject=render_to_string("consultations/email/staff_subject.txt", context).strip(),
            message=render_to_string("consultations/email/staff_body.txt", context),
            from_email=None,
            recipient_list=settings.STAFF_NOTIFICATION_EMAILS,
        )
