"""Migration 0013 names hyaluronic acid in the seeded reason for lip filler, keeps an editor's own words, and
records the change in the history."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from treatments.models import CatalogueVersion, Indication
from treatments.seeding import catalogue_seed

migration = importlib.import_module("treatments.migrations.0013_lips_onset_wording")

BEFORE = [("treatments", "0012_sourced_healing_times")]
AFTER = [("treatments", "0013_lips_onset_wording")]
OLD_REASON = (
    "A filler can restore fullness and shape to lips that have become thinner, with results you can see straight away."
)


def lips() -> Indication:
    return Indication.objects.get(treatment__slug="dermal-filler", area__slug="lips", concern__slug="volume-loss")


@pytest.fixture
def catalogue_before(transactional_db):
    """The seeded catalogue with the lips reason as the earlier release seeded it."""
    MigrationExecutor(connection).migrate(BEFORE)  # 0013 changes no schema
    catalogue_seed()
    Indication.objects.filter(pk=lips().pk).update(reason=OLD_REASON)
    yield
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_lips_reason_names_hyaluronic_acid_and_says_why_in_the_history(catalogue_before):
    token = CatalogueVersion.objects.get(pk=1).token

    MigrationExecutor(connection).migrate(AFTER)

    assert lips().reason == (
        "A filler can restore fullness and shape to lips that have become thinner; with a hyaluronic acid filler the "
        "difference shows almost straight away."
    )
    entry = lips().history.first()
    assert entry.history_change_reason == migration.REASON and entry.history_type == "~"
    assert CatalogueVersion.objects.get(pk=1).token != token  # cached pages with the old wording are not served


def test_a_reason_an_editor_rewrote_is_left_as_it_is(catalogue_before):
    own_words = "Fuller lips, in our editor's words: you see the change straight away."
    Indication.objects.filter(pk=lips().pk).update(reason=own_words)

    MigrationExecutor(connection).migrate(AFTER)

    assert lips().reason == own_words
    entry = lips().history.first()
    assert entry is None or entry.history_change_reason != migration.REASON
