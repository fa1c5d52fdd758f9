"""Fictional consultations for demo mode, spread over every status; two belong to `patient`, one to `patient2`."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.demo import demo_mode_required
from consultations.intake import Intake
from consultations.models import Consultation
from consultations.review import consultation_assign, consultation_note_add, consultation_status_change
from consultations.rules import current_rules
from consultations.services import consultation_create

DEMO_DOMAIN = "demo.clinic.example"

# name, concerns (area, concern, severity), yes-precautions, earlier (treatment, months), path of statuses, owner
PEOPLE = [
    (
        "Ada Lovelace",
        [("glabella", "lines-when-moving", "moderate"), ("cheeks", "volume-loss", "")],
        ["blood-thinners"],
        [],
        [],
        "patient",
    ),
    (
        "Grace Hopper",
        [("forehead", "lines-when-moving", "mild")],
        [],
        [("botox", 3)],
        ["in-review", "contacted", "booked"],
        "patient",
    ),
    ("Mary Seacole", [("underarms", "sweating", "marked")], [], [], ["in-review"], "patient2"),
    ("Rosalind Franklin", [("lips", "volume-loss", "mild")], ["allergy-hyaluronic-acid"], [], ["contacted"], None),
    (
        "Florence Nightingale",
        [("crows-feet", "lines-when-moving", "")],
        [],
        [],
        ["in-review", "contacted", "booked", "closed"],
        None,
    ),
    ("Alan Turing", [("jaw-muscle", "clenching", "moderate")], [], [], ["cancelled"], None),
    (
        "Dorothy Hodgkin",
        [("nasolabial-folds", "lines-at-rest", "moderate"), ("marionette-lines", "lines-at-rest", "")],
        [],
        [("dermal-filler", 14)],
        [],
        None,
    ),
    ("Katherine Johnson", [("under-eyes", "volume-loss", "moderate")], ["pregnant"], [], ["in-review"], None),
    (
        "Hedy Lamarr",
        [("neck", "lines-when-moving", "mild"), ("jawline", "volume-loss", "")],
        [],
        [],
        ["contacted", "booked"],
        None,
    ),
    (
        "Emmy Noether",
        [("forehead", "lines-at-rest", ""), ("forehead", "lines-when-moving", "")],
        ["eyelid-droop"],
        [],
        [],
        None,
    ),
    ("Lise Meitner", [("hands", "sweating", "marked")], [], [], ["in-review", "closed"], None),
    ("Chien-Shiung Wu", [("chin", "volume-loss", "mild")], [], [], ["contacted"], None),
]


def demo_consultations_create() -> int:
    """Create the demo consultations once; return how many were created."""
    demo_mode_required()
    if Consultation.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return 0
    rules = current_rules()
    if not rules.indications:
        return 0  # the catalogue is not loaded yet: nothing to suggest from
    User = get_user_model()
    staff = User.objects.get(username="staff")
    precautions = [p.slug for p in rules.precautions]
    for number, (name, concerns, yes, earlier, statuses, owner) in enumerate(PEOPLE):
        intake = Intake(
            submission_token=uuid.uuid4(),
            full_name=name,
            email=f"{name.split()[0].lower()}@{DEMO_DOMAIN}",
            phone=f"07700 900{number:03d}",
            date_of_birth=datetime.date(1970 + number, 1 + number % 12, 10 + number),
            contact_method="phone" if number % 2 else "email",
            goals="Look more rested" if number % 3 == 0 else "",
            concerns=tuple(concerns),
            earlier=tuple((t, months, "Went well") for t, months in earlier),
            screening=tuple(
                (slug, slug in yes, "Details given at intake" if slug in yes else "") for slug in precautions
            ),
        )
        patient = User.objects.get(username=owner) if owner else None
        consultation, _ = consultation_create(intake=intake, rules=rules, patient=patient, send_emails=False)
        # Spread the demo over the last few weeks, so the queue looks like a real one.
        submitted = timezone.now() - datetime.timedelta(days=number * 2, hours=number * 3)
        Consultation.objects.filter(pk=consultation.pk).update(created_at=submitted, consented_at=submitted)
        if statuses:
            consultation = consultation_assign(
                consultation_id=consultation.pk, user=staff, assignee=staff, seen_version=consultation.version
            )
            consultation_note_add(
                consultation=consultation, author=staff, text="Called the patient to introduce the clinic."
            )
        for status in statuses:
            consultation = consultation_status_change(
                consultation_id=consultation.pk, user=staff, to_status=status, seen_version=consultation.version
            )
    return len(PEOPLE)
