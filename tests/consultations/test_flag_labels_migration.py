"""Migration 0006 names the flags of consultations saved before flags had labels, for the queue's badges."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("consultations", "0005_entered_by_staff"), ("treatments", "0006_plain_rule_names")]
AFTER = [("consultations", "0006_flag_labels")]


def old_flag(precaution, question):
    return {"precaution": precaution, "question": question, "treatments": [], "message": "m", "practitioner_note": "n"}


@pytest.fixture
def old_consultations(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Precaution = apps.get_model("treatments", "Precaution")
    Consultation = apps.get_model("consultations", "Consultation")
    Precaution.objects.create(
        slug="blood-thinners", name="blood-thinning medicine", question="Do you take blood thinners?",
        practitioner_note="n", patient_note="p",
    )  # fmt: skip
    flags = [
        old_flag("blood-thinners", "Do you take blood thinners?"),
        old_flag("interval:botox", "Earlier Botox 1 month ago"),
    ]
    for name, flagged in (("Flagged", flags), ("Plain", [])):
        Consultation.objects.create(
            submission_token=uuid.uuid4(), full_name=name, email="a@example.com", date_of_birth="1980-01-01",
            contact_method="email", consent_version="1", consented_at=timezone.now(), rules_version="v",
            suggestion={"suggestions": [], "flags": flagged, "notes": []}, has_flags=bool(flagged),
        )  # fmt: skip
    yield
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_stored_flags_are_named_by_the_precaution_or_else_the_question(old_consultations):
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Consultation = executor.loader.project_state(AFTER).apps.get_model("consultations", "Consultation")
    labels = dict(Consultation.objects.values_list("full_name", "flag_labels"))
    assert labels == {"Flagged": ["blood-thinning medicine", "Earlier Botox 1 month ago"], "Plain": []}
