"""What this release is, for the keys of everything cached: a fingerprint of the code, templates and static files.

Servers running different releases (during a rolling deploy, say) never share a cached page or fragment, and a
release's pages are never served after the next one starts.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCES = ("accounts", "audit", "clinic", "consultations", "staff", "treatments", "templates")
SUFFIXES = {".py", ".html", ".txt"}
PINNED = ("pyproject.toml", "build-constraints.txt")


def _files(base: Path) -> list[Path]:
    found = [path for folder in SOURCES for path in (base / folder).rglob("*") if path.suffix in SUFFIXES]
    found += [base / name for name in PINNED]
    found.append(Path(settings.STATIC_ROOT) / "staticfiles.json")  # the static files' hashed names, once collected
    return sorted(path for path in found if path.is_file())


def release_fingerprint(base: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in _files(base or Path(settings.BASE_DIR)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def release() -> str:
    """This process's release: read once, as the files cannot change under a running server without a restart."""
    return release_fingerprint()
