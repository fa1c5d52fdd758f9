"""`manage.py suggest` prints the current rules' answer, and refuses bad arguments in one clear line."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    data = run_json(capsys, "--concern", "forehead:lines-when-moving", "--previous", "botox:4")
    assert any("You told us you had Botox about 4 months ago" in note for note in data["notes"])
    assert data["flags"] == []


def test_previous_treatment_inside_its_interval_gives_a_flag_instead(catalogue, capsys):
    data = run_json(capsys, "--concern", "forehead:lines-when-moving", "--previous", "botox:2")
    assert [f["precaution"] for f in data["flags"]] == ["interval:botox"]
    assert not any("You told us you had Botox" in note for note in data["notes"])


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


ROOT = Path(__file__).resolve().parents[2]
BASH = shutil.which("bash") or "/bin/bash"
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".venv-load",
    ".env",
    "db.sqlite3*",
    ".run",
    "node_modules",
    ".lighthouse",
    "__pycache__",
)


def readme_suggest_line() -> str:
    """The README's `manage.py suggest` command, continuation lines joined, exactly as a reader would paste it."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    (block,) = [b for b in blocks if "manage.py suggest" in b]
    return block.replace("\\\n", " ").strip()


def makefile_run_lines() -> list[str]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^run\s*:", line))
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        body.append(line.strip().lstrip("@").replace("$(BIN)", ".venv/bin").replace("$(PORT)", "8000"))
    return [line for line in body if "runserver" not in line]


@pytest.mark.django_db(transaction=False)
def test_the_readmes_suggest_line_works_in_a_fresh_shell_after_make_run(tmp_path):
    """A new shell after `make run`: no DJANGO_* variable set, only what `make run` left on disk."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=COPY_IGNORE)
    (checkout / ".venv").symlink_to(ROOT / ".venv")
    fresh_shell = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)}
    for line in makefile_run_lines():  # what `make run` does before serving: .env, migrate, content, demo
        subprocess.run([BASH, "-c", line], cwd=checkout, env=fresh_shell, check=True, capture_output=True)  # noqa: S603

    done = subprocess.run(  # noqa: S603
        [BASH, "-c", readme_suggest_line()], cwd=checkout, env=fresh_shell, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Botox" in done.stdout and "Flag interval:botox" in done.stdout

    wrong = subprocess.run(  # noqa: S603
        [BASH, "-c", ".venv/bin/python manage.py suggest --concern nowhere"],
        cwd=checkout,
        env=fresh_shell,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode != 0
    assert len(wrong.stderr.strip().splitlines()) == 1 and "Traceback" not in wrong.stderr
