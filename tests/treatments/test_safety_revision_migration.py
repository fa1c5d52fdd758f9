"""Migration 0005 brings a catalogue seeded before the safety review up to it, without touching admins' work."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("treatments", "0004_safety_rules")]
AFTER = [("treatments", "0005_safety_revision")]


@pytest.fixture
def old_catalogue(transactional_db):
    """The catalogue as an earlier version seeded it: one allergy question, unsourced per-area months."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Treatment = apps.get_model("treatments", "Treatment")
    Region = apps.get_model("treatments", "Region")
    Area = apps.get_model("treatments", "Area")
    Concern = apps.get_model("treatments", "Concern")
    Indication = apps.get_model("treatments", "Indication")
    Precaution = apps.get_model("treatments", "Precaution")
    common = dict(
        summary="s", how_it_works="h", best_for="b", onset_days_min=0, onset_days_max=1, onset_text="o",
        procedure="p", downtime="d", who_should_not="w", sources="x", last_reviewed="2026-01-01", status="published",
    )  # fmt: skip
    botox = Treatment.objects.create(slug="botox", name="Botox", category="c", duration_min_months=4,
                                     duration_max_months=6, **common)  # fmt: skip
    filler = Treatment.objects.create(slug="dermal-filler", name="Dermal fillers", category="c", duration_min_months=6,
                                      duration_max_months=24, **common)  # fmt: skip
    region = Region.objects.create(slug="lower-face", name="Lower face")
    jaw = Area.objects.create(slug="jaw-muscle", name="Jaw muscle", region=region)
    lips = Area.objects.create(slug="lips", name="Lips", region=region)
    clenching = Concern.objects.create(slug="clenching", name="Clenching", patient_wording="I clench")
    volume = Concern.objects.create(slug="volume-loss", name="Volume", patient_wording="thin")
    Indication.objects.create(treatment=botox, area=jaw, concern=clenching, reason="An admin's own words.")
    Indication.objects.create(treatment=filler, area=lips, concern=volume, reason="r", duration_min_months=6,
                              duration_max_months=12)  # fmt: skip
    Precaution.objects.create(slug="allergy", question="Any allergy?", practitioner_note="n", patient_note="p")
    yield
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_revision_brings_the_safety_facts_to_an_old_catalogue(old_catalogue):
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Treatment = apps.get_model("treatments", "Treatment")
    Indication = apps.get_model("treatments", "Indication")
    Precaution = apps.get_model("treatments", "Precaution")

    botox = Treatment.objects.get(slug="botox")
    assert botox.min_interval_days == 90 and botox.reference_duration_max_months == 4
    assert "boxed warning" in botox.safety_notes
    assert "hyaluronidase" in Treatment.objects.get(slug="dermal-filler").safety_notes
    jaw = Indication.objects.get(area__slug="jaw-muscle")
    assert jaw.off_label and jaw.reason == "An admin's own words."
    lips = Indication.objects.get(area__slug="lips")
    assert (lips.duration_min_months, lips.duration_max_months) == (None, None)  # had no source
    assert list(Precaution.objects.values_list("slug", flat=True)) == ["allergy-other"]
    assert Precaution.objects.get().name
