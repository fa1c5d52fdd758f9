"""Loading the catalogue is idempotent and never overwrites or revives what an admin changed."""

import pytest
from django.core.management import call_command

from treatments import catalogue_content as content
from treatments.models import (
    Area,
    Concern,
    Indication,
    Precaution,
    PrecautionEffect,
    Region,
    SeededRow,
    SideEffect,
    Treatment,
)
from treatments.seeding import LOADED, catalogue_seed

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Treatment, Area, Concern, Indication, SideEffect, Precaution)]


def test_first_load_creates_every_seeded_row():
    report = catalogue_seed()
    assert counts() == [
        len(content.TREATMENTS),
        len(content.AREAS),
        len(content.CONCERNS),
        len(content.INDICATIONS),
        len(content.SIDE_EFFECTS),
        len(content.PRECAUTIONS),
    ]
    assert report.total > 0


@pytest.mark.parametrize(
    "model", [Region, Area, Concern, Treatment, SideEffect, Indication, Precaution, PrecautionEffect]
)
def test_every_history_entry_of_a_first_load_says_it_came_from_the_seeded_catalogue(model):
    catalogue_seed()
    entries = model.history.all()
    assert entries.count() >= model.objects.count() > 0
    assert set(entries.values_list("history_change_reason", flat=True)) == {LOADED}


def test_loading_twice_changes_nothing():
    catalogue_seed()
    before = counts()
    snapshot = list(Treatment.objects.values())
    assert catalogue_seed().total == 0
    assert counts() == before
    assert list(Treatment.objects.values()) == snapshot


def test_loading_again_keeps_an_admins_edit():
    catalogue_seed()
    Treatment.objects.filter(slug="botox").update(duration_min_months=3, duration_max_months=4, name="Botulinum")
    catalogue_seed()
    botox = Treatment.objects.get(slug="botox")
    assert (botox.name, botox.duration_min_months, botox.duration_max_months) == ("Botulinum", 3, 4)


def test_loading_again_does_not_revive_a_deleted_rule():
    catalogue_seed()
    Indication.objects.filter(treatment__slug="botox", area__slug="neck").delete()
    catalogue_seed()
    assert not Indication.objects.filter(treatment__slug="botox", area__slug="neck").exists()


def test_a_row_made_by_hand_before_loading_is_adopted_not_duplicated():
    catalogue_seed()
    Treatment.objects.all().delete()
    SeededRow.objects.all().delete()
    fields = {k: v for k, v in content.TREATMENTS[0].items() if k != "reference_duration_concerns"}  # a relation
    Treatment.objects.create(**{**fields, "name": "Our Botox"})
    catalogue_seed()
    assert Treatment.objects.get(slug="botox").name == "Our Botox"
    assert Treatment.objects.filter(slug="botox").count() == 1


def test_the_seeded_botox_figure_is_for_lines_and_the_fillers_figure_for_every_concern():
    catalogue_seed()
    botox = Treatment.objects.get(slug="botox")
    assert set(botox.reference_duration_concerns.values_list("slug", flat=True)) == {
        "lines-when-moving",
        "lines-at-rest",
    }
    assert not Treatment.objects.get(slug="dermal-filler").reference_duration_concerns.exists()


def test_seeded_content_states_the_product_facts():
    catalogue_seed()
    botox = Treatment.objects.get(slug="botox")
    filler = Treatment.objects.get(slug="dermal-filler")
    assert (botox.duration_min_months, botox.duration_max_months) == (4, 6)
    assert (filler.duration_min_months, filler.duration_max_months) == (6, 24)
    assert "hyaluronic acid" in filler.materials.lower()
    assert "calcium hydroxylapatite" in filler.materials.lower()
    botox_rules = set(Indication.objects.filter(treatment=botox).values_list("area__slug", "concern__slug"))
    assert {
        ("forehead", "lines-when-moving"),
        ("glabella", "lines-when-moving"),
        ("crows-feet", "lines-when-moving"),
        ("neck", "lines-when-moving"),
        ("underarms", "sweating"),
        ("hands", "sweating"),
        ("jaw-muscle", "clenching"),
    } <= botox_rules
    filler_rules = set(Indication.objects.filter(treatment=filler).values_list("area__slug", "concern__slug"))
    assert {("cheeks", "volume-loss"), ("lips", "volume-loss"), ("nasolabial-folds", "lines-at-rest")} <= filler_rules
    serious = set(filler.side_effects.filter(frequency="rare-serious").values_list("name", flat=True))
    assert any("blood vessel" in name.lower() or "vascular" in name.lower() for name in serious)


def test_load_catalogue_command_says_when_nothing_changed(capsys):
    call_command("load_catalogue")
    call_command("load_catalogue")
    assert "nothing changed" in capsys.readouterr().out
