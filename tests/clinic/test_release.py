"""A release's fingerprint changes with its code, templates, pinned packages and static files, and only then."""

import pytest

from clinic.release import release_fingerprint


@pytest.fixture
def project(tmp_path, settings):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("<title>Clinic</title>")
    (tmp_path / "treatments").mkdir()
    (tmp_path / "treatments" / "views.py").write_text("def detail(request): ...")
    (tmp_path / "pyproject.toml").write_text('dependencies = ["Django>=5.2,<6"]')
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    return tmp_path


def test_the_same_files_give_the_same_fingerprint(project):
    assert release_fingerprint(project) == release_fingerprint(project)


@pytest.mark.parametrize(
    "path",
    ["templates/base.html", "treatments/views.py", "pyproject.toml", "staticfiles/staticfiles.json"],
)
def test_a_changed_file_gives_a_new_fingerprint(project, path):
    before = release_fingerprint(project)
    (project / path).write_text("changed")
    assert release_fingerprint(project) != before


def test_files_that_do_not_shape_a_page_leave_it_alone(project):
    before = release_fingerprint(project)
    (project / "README.md").write_text("notes")
    (project / "treatments" / "notes.md").write_text("notes")
    assert release_fingerprint(project) == before
