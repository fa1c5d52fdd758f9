"""consultations/queue.py search_condition: what the staff search box matches, and on PostgreSQL with which index."""

import importlib

import pytest
from django.db import connection

from consultations.models import Consultation
from consultations.name_folding import APOSTROPHES
from staff.queue import search_condition
from tests.consultations.factories import make_consultation

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return sorted(Consultation.objects.filter(search_condition(text)).values_list("full_name", flat=True))


@pytest.fixture
def patients(catalogue):
    make_consultation(full_name="Mary Ridgeton", email="m.ridgeton@example.com", phone="07700 900111")
    make_consultation(full_name="Mary Ashford", email="mary@example.com", phone="07700 900222")
    make_consultation(full_name="Grace O'Brien", email="grace@example.org", phone="")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Mary Ridgeton", ["Mary Ridgeton"]),
        ("mary ridg", ["Mary Ridgeton"]),  # the last word as typed so far
        ("ridgeton", ["Mary Ridgeton"]),
        ("Mary", ["Mary Ashford", "Mary Ridgeton"]),
        ("  o'brien ", ["Grace O'Brien"]),
        ("m.ridgeton", ["Mary Ridgeton"]),  # part of an email
        ("mary@example.com", ["Mary Ashford"]),
        ("07700 900222", ["Mary Ashford"]),
        # However the number is typed, or stored: no spaces, the country code, dashes, part of it.
        ("07700900222", ["Mary Ashford"]),
        ("+447700900222", ["Mary Ashford"]),
        ("+44 (0)7700-900-111", []),  # "447700900111" with a stray 0: not a number we hold
        ("+44 7700 900111", ["Mary Ridgeton"]),
        ("900111", ["Mary Ridgeton"]),
        ("Nobody Here", []),
    ],
)
def test_each_kind_of_search_finds_the_right_patients(patients, text, names):
    assert found(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("zoe", ["Zoë Ashford"]),
        ("ZOË ash", ["Zoë Ashford"]),
        ("siobhan", ["Siobhán Ó Briain"]),
        ("o briain", ["Siobhán Ó Briain"]),
        ("Mária", ["Maria Ridgeton"]),  # an accent typed that the stored name has not
        ("jose", ["José Núñez"]),
        ("nunez", ["José Núñez"]),
        ("lukasz", ["Łukasz Søndergaard"]),
        ("SONDERG", ["Łukasz Søndergaard"]),
        ("Æsa", ["Æsa Ashford"]),
        ("ab½", []),  # folds to "ab1⁄2": letters and digits only reach the search
        ("aː", []),  # unaccent would make it "a:", a full-text query's own syntax
        ("zoe:* | !ash", ["Zoë Ashford"]),
    ],
)
def test_a_name_is_found_without_its_accents_or_case(catalogue, text, names):
    for name in (
        "Zoë Ashford",
        "Siobhán Ó Briain",
        "Maria Ridgeton",
        "José Núñez",
        "Łukasz Søndergaard",
        "Æsa Ashford",
    ):
        make_consultation(full_name=name)
    assert found(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("oneill", ["Siobhán O’Neill", "Tom O'Neill"]),  # the apostrophe left out, as heard on the phone
        ("o'neill", ["Siobhán O’Neill", "Tom O'Neill"]),  # a straight one finds a curly one too
        ("O’Neill", ["Siobhán O’Neill", "Tom O'Neill"]),
        ("neill", ["Siobhán O’Neill", "Tom O'Neill"]),
        ("siobhan oneill", ["Siobhán O’Neill"]),
        ("tom one", ["Tom O'Neill"]),  # the last word as typed so far
        ("dsouza", ["Ana D'Souza"]),
        ("souza", ["Ana D'Souza"]),
        ("oneil", ["Siobhán O’Neill", "Tom O'Neill"]),
    ],
)
def test_a_name_is_found_with_or_without_its_apostrophe(catalogue, text, names):
    for name in ("Siobhán O’Neill", "Tom O'Neill", "Ana D'Souza", "Neil Oakes"):
        make_consultation(full_name=name)
    assert found(text) == names


def test_every_mark_typed_for_an_apostrophe_is_left_out_the_same_on_both_databases(catalogue):
    migration = importlib.import_module("consultations.migrations.0012_search_name_apostrophes")
    assert "'" + APOSTROPHES.replace("'", "''") + "'" == migration.APOSTROPHES_SQL
    for mark in APOSTROPHES:
        make_consultation(full_name=f"Tom O{mark}Neill")
    assert Consultation.objects.filter(search_condition("oneill")).count() == len(APOSTROPHES)


def test_a_reference_is_found_in_any_case(patients):
    wanted = Consultation.objects.get(full_name="Grace O'Brien")
    assert found(wanted.reference.lower()) == ["Grace O'Brien"]


def test_an_empty_or_punctuation_only_search_is_harmless(patients):
    assert len(found("   ")) == 3
    assert found("&|!():*") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
def test_a_name_search_uses_the_full_text_index_on_postgresql(patients):
    with connection.cursor() as cursor:
        # Three rows: make the planner show whether it can use it (and not walk the date index instead).
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        plan = Consultation.objects.filter(search_condition("mary ridg")).explain()
        cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
    assert "consultation_name_words" in plan


def test_a_number_stored_with_its_country_code_is_found_by_its_national_form(catalogue):
    make_consultation(full_name="Ada Byron", phone="+44 7700-900333")
    assert found("07700 900333") == ["Ada Byron"]


@pytest.mark.parametrize("text", ["ZEJ7", "zej7", "ZEJ7 QQ2P", "zej7-qq", "ZEJ7 QQ2P 4K8M", "QQ2P-4K8M", "4K8M"])
def test_part_of_a_reference_as_read_out_finds_the_consultation(patients, text):
    Consultation.objects.filter(full_name="Mary Ashford").update(reference="ZEJ7-QQ2P-4K8M")
    assert found(text) == ["Mary Ashford"]


@pytest.mark.parametrize("text", ["ASXU", "asxu", "asxu rqxs", "ASXU RQXS EZSA", "asxurqxsezsa", "RQXS", "rqxs-ezsa"])
def test_a_part_of_a_reference_with_no_digit_is_found_as_read_out(patients, text):
    Consultation.objects.filter(full_name="Mary Ashford").update(reference="ASXU-RQXS-EZSA")
    assert found(text) == ["Mary Ashford"]


@pytest.mark.parametrize("text", ["John", "Lisa", "Olga Ivan"])
def test_letters_no_reference_holds_are_searched_as_a_name_only(patients, text):
    def where(text):  # the query's condition: only the id is selected
        return str(Consultation.objects.filter(search_condition(text)).values("id").query)

    assert '"reference"' not in where(text)
    assert '"reference"' in where("Mary")


def test_a_name_of_four_letters_is_still_found_beside_a_reference_holding_it(patients):
    Consultation.objects.filter(full_name="Grace O'Brien").update(reference="MARY-RQXS-EZSA")
    assert found("Mary") == ["Grace O'Brien", "Mary Ashford", "Mary Ridgeton"]
    assert found("Grace") == ["Grace O'Brien"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
@pytest.mark.parametrize("text", ["ASXU", "qq2p 4k8m"])
def test_a_part_of_a_reference_uses_the_trigram_index_on_postgresql(patients, text):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        plan = Consultation.objects.filter(search_condition(text)).explain()
        cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
    assert "consultation_reference_trgm" in plan
