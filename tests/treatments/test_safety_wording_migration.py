"""Migration 0011 replaces the seeded sentences a clinical read found wrong, in a catalogue installed before it,
keeps an editor's own words, and records each change in the history."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.treatments.wording_migrations import edited_texts
from treatments.models import CatalogueVersion, Indication, Precaution, Treatment
from treatments.seeding import catalogue_seed

migration = importlib.import_module("treatments.migrations.0011_safety_wording")

BEFORE = [("treatments", "0010_reference_duration_concerns_history")]
AFTER = [("treatments", "0011_safety_wording")]
MODELS = {"Treatment": Treatment, "Indication": Indication, "Precaution": Precaution}
EDITOR_WORDS = "An editor's own words about blood thinners."
EDITOR_BEFORE = "Bring a list of your eye operations. "


@pytest.fixture
def catalogue_with_old_wording(transactional_db):
    """The seeded catalogue, with each sentence the migration replaces put back as an earlier release seeded it,
    and one note an editor had rewritten."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # the tables are as today's models have them: 0011 changes no schema
    catalogue_seed()
    today = edited_texts(migration.EDITS, MODELS)
    for name, lookup, field, old, new in migration.EDITS:
        rows = [row for row in MODELS[name].objects.filter(**lookup) if new in getattr(row, field)]
        assert rows, (name, lookup, field)  # the seeding holds today's sentence
        for row in rows:
            value = getattr(row, field)
            earlier = value.replace(new, old) if new else value + old
            MODELS[name].objects.filter(pk=row.pk).update(**{field: earlier})
    Precaution.objects.filter(slug="blood-thinners").update(patient_note=EDITOR_WORDS)
    # An editor's sentence before the seeded one, and a seeded sentence an editor put in capitals.
    eyelid = Precaution.objects.get(slug="eyelid-droop")
    Precaution.objects.filter(pk=eyelid.pk).update(patient_note=EDITOR_BEFORE + eyelid.patient_note)
    infection = Precaution.objects.get(slug="skin-infection")
    Precaution.objects.filter(pk=infection.pk).update(patient_note=infection.patient_note.upper())
    yield today
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_old_seeded_sentences_become_todays_and_an_editors_words_stay(catalogue_with_old_wording):
    token = CatalogueVersion.objects.get(pk=1).token

    MigrationExecutor(connection).migrate(AFTER)

    expected = dict(catalogue_with_old_wording)
    blood_thinners = Precaution.objects.get(slug="blood-thinners").pk
    expected[("Precaution", blood_thinners, "patient_note")] = EDITOR_WORDS
    eyelid = Precaution.objects.get(slug="eyelid-droop").pk
    expected[("Precaution", eyelid, "patient_note")] = EDITOR_BEFORE + expected[("Precaution", eyelid, "patient_note")]
    infection = Precaution.objects.get(slug="skin-infection").pk
    old_note = next(old for name, lookup, field, old, new in migration.EDITS if lookup == {"slug": "skin-infection"})
    new_note = next(new for name, lookup, field, old, new in migration.EDITS if lookup == {"slug": "skin-infection"})
    expected[("Precaution", infection, "patient_note")] = (
        expected[("Precaution", infection, "patient_note")].replace(new_note, old_note).upper()
    )
    assert edited_texts(migration.EDITS, MODELS) == expected
    assert (
        "rarely, cause blindness or a stroke"
        in Indication.objects.get(
            treatment__slug="dermal-filler", area__slug="glabella", concern__slug="lines-at-rest"
        ).caution
    )
    assert CatalogueVersion.objects.get(pk=1).token != token  # cached pages with the old wording are not served


def test_each_changed_row_has_a_history_entry_saying_why(catalogue_with_old_wording):
    MigrationExecutor(connection).migrate(AFTER)

    botox = Treatment.objects.get(slug="botox")
    latest = botox.history.first()
    assert latest.history_change_reason == migration.REASON and latest.history_type == "~"
    assert "as an off-label use in the palms" in latest.how_it_works
    assert set(latest.reference_duration_concerns.values_list("concern__slug", flat=True)) == {
        "lines-when-moving",
        "lines-at-rest",
    }
    eyelid = Precaution.objects.get(slug="eyelid-droop").history.first()
    assert eyelid.history_change_reason == migration.REASON
    assert set(eyelid.treatments.values_list("treatment__slug", flat=True)) == {"botox"}
    # Neither a note in an editor's capitals (SQLite's __contains ignores case) nor one an editor rewrote: no entry.
    for slug in ("skin-infection", "blood-thinners"):
        assert Precaution.objects.get(slug=slug).history.first().history_change_reason != migration.REASON
    untouched = Precaution.objects.get(slug="pregnant").history.first()
    assert untouched.history_change_reason != migration.REASON
