"""Cached parts of one page, fetched from the shared cache together in one round trip.

Django's `{% cache %}` tag asks the cache once per block; the staff detail page has four blocks, so four round
trips. Here the view names the blocks and the key they depend on, the first block to render fetches them all
with one `get_many`, and each `{% fragment name %}` block renders only if its part was missing (then stores it).
"""

import hashlib

from django.core.cache import caches


class Fragments:
    def __init__(self, page: str, names: tuple[str, ...], depends_on: str | dict[str, str], seconds: int = 60 * 60):
        """`depends_on`: what every part depends on, or each part's own dependencies by name."""
        each = depends_on if isinstance(depends_on, dict) else dict.fromkeys(names, depends_on)
        self.keys = {
            name: f"fragment:{page}:{name}:{hashlib.sha256(each[name].encode()).hexdigest()[:32]}" for name in names
        }
        self.seconds = seconds
        self._found: dict[str, str] | None = None

    def get(self, name: str) -> str | None:
        if self._found is None:
            found = caches["stamped"].get_many(list(self.keys.values()))
            self._found = {name: found[key] for name, key in self.keys.items() if key in found}
        return self._found.get(name)

    def set(self, name: str, html: str) -> None:
        caches["stamped"].set(self.keys[name], html, self.seconds)
        if self._found is not None:
            self._found[name] = html
