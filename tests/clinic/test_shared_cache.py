"""The shared cache holds only what is the same for everyone: no visitor's token ever reaches another visitor.

The intake form was once cached with the first visitor's CSRF token in it, and everyone after them was refused.
Unit tests missed it because only one visitor ever came; here two do, with CSRF checks on as in production.
"""

import pickle
import re

import pytest
from django.core.cache import caches
from django.test import Client

from tests.consultations.factories import intake_data
from tests.served_form import as_browser_sends

pytestmark = pytest.mark.django_db

TOKEN_VALUE = r'name="(?:csrfmiddlewaretoken|submission_token)" value="([^"]+)"'
CACHED_PAGES = ["/", "/treatments/", "/treatments/botox/", "/treatments/compare/", "/consultation/"]


def visitor() -> Client:
    return Client(enforce_csrf_checks=True)


def cached_texts() -> list[str]:
    """Every value in the public cache as text (local memory in the SQLite run, Redis in the PostgreSQL run)."""
    cache = caches["public"]
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache: pickled values
        values = [pickle.loads(value) for value in cache._cache.values()]  # noqa: S301  # nosec B301 - our own cache
    else:
        values = list(cache.get_many(cache.keys("*")).values())
    return [str(value) for value in values]


def test_a_second_visitor_sends_the_intake_form_as_served(catalogue):
    first, second = visitor(), visitor()
    for path in CACHED_PAGES:
        assert first.get(path).status_code == 200
    html = second.get("/consultation/").content.decode()
    assert html.count('name="csrfmiddlewaretoken"') == 1
    answers = {key: value for key, value in intake_data().items() if key != "submission_token"}
    response = second.post("/consultation/", as_browser_sends(html, answers))
    assert response.status_code == 302 and response["Location"].startswith("/consultation/")


def test_each_visitor_gets_their_own_tokens_from_a_warm_cache(catalogue):
    pages = [visitor().get("/consultation/").content.decode() for _ in range(3)]
    tokens = [re.findall(TOKEN_VALUE, html) for html in pages]
    assert all(len(found) == 2 for found in tokens)
    assert len({token for found in tokens for token in found}) == 6


def test_no_token_is_written_to_the_cache(catalogue):
    """The intake page is stored with a placeholder in each token's place; no visitor's own token is ever stored."""
    pages = [visitor().get(path).content.decode() for path in CACHED_PAGES for _ in range(2)]
    served = {token for html in pages for token in re.findall(TOKEN_VALUE, html)}
    assert len(served) == 4, "two visitors of the intake page were expected to get two tokens each"
    texts = cached_texts()
    assert any('name="submission_token"' in text for text in texts), "the intake page was expected to be cached"
    assert not [text for text in texts if any(token in text for token in served)]
    assert all(value.startswith("placeholder-") for text in texts for value in re.findall(TOKEN_VALUE, text))
