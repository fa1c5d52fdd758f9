"""Small factories for intake submissions, saved consultations and saved forms."""

import time
import uuid
from datetime import timedelta

from django.utils import timezone

from consultations.forms import IntakeForm
from consultations.models import IntakeDraft
from consultations.rules import current_rules
from consultations.services import consultation_create
from treatments.catalogue_content import PRECAUTIONS

# Every screening question the seeded catalogue asks.
PRECAUTION_SLUGS = [row["slug"] for row in PRECAUTIONS]


def intake_data(**overrides) -> dict:
    """A valid intake POST: frown lines when moving, hollow cheeks, blood thinners, nothing else."""
    data = {
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "",
        "date_of_birth": "1985-04-23",
        "contact_method": "email",
        "goals": "Look less tired",
        "area-glabella": ["lines-when-moving"],
        "area-cheeks": ["volume-loss"],
        "severity-cheeks": "moderate",
        "consent": "on",
        "website": "",
        "submission_token": str(uuid.uuid4()),
    }
    for slug in PRECAUTION_SLUGS:
        data[f"screening-{slug}"] = "no"
    data["screening-blood-thinners"] = "yes"
    data["screening-blood-thinners-detail"] = "Warfarin"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_consultation(**overrides):
    form = IntakeForm(intake_data(**overrides), rules=current_rules())
    assert form.is_valid(), form.errors
    consultation, _created = consultation_create(intake=form.intake())
    return consultation


def as_sender(client, consultation) -> None:
    """Make the test client the browser that just sent this consultation (it may read the result page)."""
    from consultations.result_access import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {consultation.reference: int(time.time())}
    session.save()


def expire_draft(draft) -> None:
    """Move a saved form's days into the past: saved four days ago, expired a second ago."""
    now = timezone.now()
    IntakeDraft.objects.filter(pk=draft.pk).update(
        created_at=now - timedelta(days=4), expires_at=now - timedelta(seconds=1)
    )
