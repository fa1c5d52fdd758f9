"""`manage.py suggest` prints the current rules' answer, and refuses bad arguments in one clear line."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run_json(capsys, *args):
    call_command("suggest", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_frown_lines_and_hollow_cheeks_with_blood_thinners(catalogue, capsys):
    data = run_json(
        capsys,
        "--concern",
        "glabella:lines-when-moving",
        "--concern",
        "cheeks:volume-loss",
        "--precaution",
        "blood-thinners",
    )
    assert [(s["treatment"], s["areas"]) for s in data["suggestions"]] == [
        ("botox", ["glabella"]),
        ("dermal-filler", ["cheeks"]),
    ]
    assert data["suggestions"][0]["name"] == "Botox"
    assert data["suggestions"][0]["reasons"]
    assert data["flags"][0]["precaution"] == "blood-thinners"
    assert data["flags"][0]["treatments"] == ["botox", "dermal-filler"]
    assert data["flags"][0]["message"]
    assert isinstance(data["notes"], list)


def test_previous_treatment_gives_a_note(catalogue, capsys):
    data = run_json(capsys, "--concern", "forehead:lines-when-moving", "--previous", "botox:2")
    assert any("You had Botox about 2 months ago" in note for note in data["notes"])


def test_text_output_lists_suggestions_in_order(catalogue, capsys):
    call_command("suggest", "--concern", "underarms:sweating")
    out = capsys.readouterr().out
    assert out.startswith("1. Botox (botox) for Underarms")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give at least one --concern"),
        (["--concern", "glabella"], "is not AREA:CONCERN"),
        (["--concern", "elbow:lines-when-moving"], "unknown area 'elbow'"),
        (["--concern", "glabella:itching"], "unknown concern 'itching'"),
        (["--concern", "glabella:sweating"], "is not asked about for 'glabella'"),
        (["--concern", "glabella:lines-when-moving", "--precaution", "smoker"], "unknown precaution 'smoker'"),
        (["--concern", "glabella:lines-when-moving", "--previous", "botox:soon"], "is not TREATMENT:MONTHS_AGO"),
        (["--concern", "glabella:lines-when-moving", "--previous", "laser:3"], "unknown treatment 'laser'"),
    ],
)
def test_bad_arguments_are_refused_clearly(catalogue, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("suggest", *args)


@pytest.mark.django_db(transaction=True)
def test_from_the_shell_a_bad_argument_is_one_line_on_stderr_with_no_traceback():
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "suggest", "--concern", "glabella:lines-when-moving", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_gives_what_a_patient_with_the_same_answers_was_shown(catalogue, capsys):
    from tests.consultations.factories import make_consultation

    shown = make_consultation().suggestion
    printed = run_json(
        capsys,
        "--concern",
        "glabella:lines-when-moving",
        "--concern",
        "cheeks:volume-loss",
        "--precaution",
        "blood-thinners",
    )
    assert printed == shown
