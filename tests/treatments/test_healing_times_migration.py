"""Migration 0012 cuts the seeded healing times without a source from a catalogue installed before it, keeps an
editor's own words, and records each change in the history."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.treatments.wording_migrations import edited_texts
from treatments.models import CatalogueVersion, SideEffect, Treatment
from treatments.seeding import catalogue_seed

migration = importlib.import_module("treatments.migrations.0012_sourced_healing_times")

BEFORE = [("treatments", "0011_safety_wording")]
AFTER = [("treatments", "0012_sourced_healing_times")]
MODELS = {"Treatment": Treatment, "SideEffect": SideEffect}
EDITOR_WORDS = "A bruise can take a while to fade; arnica helps some people, says our editor."


@pytest.fixture
def catalogue_with_old_wording(transactional_db):
    """The seeded catalogue with each sentence the migration replaces put back as the earlier release seeded it,
    and Botox's bruising rewritten by an editor."""
    MigrationExecutor(connection).migrate(BEFORE)  # 0012 changes no schema
    catalogue_seed()
    today = edited_texts(migration.EDITS, MODELS)
    for name, lookup, field, old, new in migration.EDITS:
        (row,) = MODELS[name].objects.filter(**lookup)
        value = getattr(row, field)
        assert new in value
        MODELS[name].objects.filter(pk=row.pk).update(**{field: value.replace(new, old) if new else value + old})
    SideEffect.objects.filter(treatment__slug="botox", name="Bruising").update(description=EDITOR_WORDS)
    yield today
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_old_healing_times_go_and_an_editors_words_stay(catalogue_with_old_wording):
    token = CatalogueVersion.objects.get(pk=1).token

    MigrationExecutor(connection).migrate(AFTER)

    expected = dict(catalogue_with_old_wording)
    bruising = SideEffect.objects.get(treatment__slug="botox", name="Bruising")
    expected[("SideEffect", bruising.pk, "description")] = EDITOR_WORDS
    assert edited_texts(migration.EDITS, MODELS) == expected
    fillers = Treatment.objects.get(slug="dermal-filler")
    assert "most side effects of fillers start soon after the injection and go within a few weeks" in fillers.downtime
    assert "after about a week" not in fillers.onset_text
    assert CatalogueVersion.objects.get(pk=1).token != token  # cached pages with the old wording are not served


def test_each_changed_row_has_a_history_entry_saying_why_and_no_other_does(catalogue_with_old_wording):
    MigrationExecutor(connection).migrate(AFTER)

    headache = SideEffect.objects.get(treatment__slug="botox", name="Headache").history.first()
    assert headache.history_change_reason == migration.REASON and headache.history_type == "~"
    assert headache.description == "Some people get a headache after the injections."
    botox = Treatment.objects.get(slug="botox").history.first()
    assert botox.history_change_reason == migration.REASON
    assert set(botox.reference_duration_concerns.values_list("concern__slug", flat=True)) == {
        "lines-when-moving",
        "lines-at-rest",
    }
    edited = SideEffect.objects.get(treatment__slug="botox", name="Bruising").history.first()
    assert edited is None or edited.history_change_reason != migration.REASON
    untouched = SideEffect.objects.get(treatment__slug="botox", name="Allergic reaction").history.first()
    assert untouched is None or untouched.history_change_reason != migration.REASON
