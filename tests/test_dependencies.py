"""Dependencies run one way: staff -> consultations -> treatments, accounts, audit (and the clinic package).

The staff workspace reads consultations' models and writes through its services; nothing below imports what is
above it, so each journey can change without reaching into another.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# app -> the apps it must never import
FORBIDDEN = {
    "audit": ("consultations", "staff"),
    "accounts": ("consultations", "staff"),
    "treatments": ("consultations", "staff"),
    "consultations": ("staff",),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_never_imports_the_apps_built_on_it(app):
    offending = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN[app]:
                offending.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offending == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from consultations.models import Consultation\n")
    assert "consultations.models" in imported_modules(planted)
