"""Catalogue pages, and the intake page but for its tokens, are kept whole only for visitors without a session, and
only what is the same for everyone."""

import fnmatch
import time

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.consultations.people import make_user, sign_in
from treatments.catalogue import VERSION_COPY_SECONDS, catalogue_token, version_copy_key
from treatments.models import Treatment
from treatments.page_cache import public_catalogue_page, public_page_with_tokens

pytestmark = pytest.mark.django_db

PAGES = ["/", "/treatments/", "/treatments/botox/", "/treatments/compare/"]


def stored_pages(name: str = "/*") -> list:
    """The keys of the stored pages named `name` (a pattern; a catalogue page's name is its path)."""
    cache = caches["public"]
    if hasattr(cache, "_cache"):  # LocMemCache in the SQLite run, which stores keys as "prefix:version:key"
        keys = [key.split(":", 2)[2] for key in cache._cache]
        return [key for key in keys if fnmatch.fnmatchcase(key, f"page:*:{name}")]
    return cache.keys(f"page:*:{name}")


def visitor_request(cookies: dict | None = None):
    """A GET of a catalogue page as the session and messages middleware hand it to the view."""
    request = RequestFactory().get("/treatments/")
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = CookieStorage(request)
    return request


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_without_a_session_gets_the_stored_page_without_a_query(
    client, catalogue, path, django_assert_num_queries
):
    first = client.get(path)
    client.cookies.clear()  # a second visitor, as wrk or a search engine's first click would come
    with django_assert_num_queries(0):  # the catalogue's version is checked against its copy in the cache
        second = client.get(path)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert "Cookie" in second["Vary"]
    assert len(stored_pages()) == 1


def rename_botox(name: str = "Botulinum toxin") -> None:
    botox = Treatment.objects.get(slug="botox")
    botox.name = name
    botox.save()


def test_an_edit_shows_at_once_on_a_stored_page(client, catalogue, django_capture_on_commit_callbacks):
    assert "Botox" in client.get("/treatments/compare/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's save commits
        rename_botox()
    html = client.get("/treatments/compare/").content.decode()
    assert ">Botulinum toxin</a></th>" in html
    assert len(stored_pages("/treatments/compare/")) == 1  # the page is replaced where it was stored


def test_an_edit_writes_the_new_version_into_the_copy_only_once_it_commits(
    client, catalogue, django_capture_on_commit_callbacks
):
    client.get("/treatments/compare/")
    cache = caches["public"]
    old = catalogue_token()
    with django_capture_on_commit_callbacks() as on_commit:
        rename_botox()
    # Until the edit commits, other visitors cannot read its content, so the copy must not hold its version yet.
    assert cache.get(version_copy_key()) in (old, None)
    assert on_commit
    for callback in on_commit:
        callback()
    assert cache.get(version_copy_key()) == catalogue_token() != old
    assert 0 < copy_seconds_left(cache) <= VERSION_COPY_SECONDS


def test_of_two_edits_committed_close_together_the_copy_ends_with_the_later_version(
    catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as first:
        rename_botox("Botulinum toxin")
    with django_capture_on_commit_callbacks() as second:
        rename_botox("Botulinum toxin type A")
    for callback in [*second, *first]:  # the first editor's write lands last
        callback()
    assert caches["public"].get(version_copy_key()) == catalogue_token()


def test_a_copy_that_missed_an_edit_stands_only_until_it_expires(client, catalogue):
    """With the cache unreachable as an edit commits, its copy of the version keeps the old one until it expires
    (after VERSION_COPY_SECONDS), and then the database is read again."""
    client.get("/treatments/compare/")
    cache = caches["public"]
    missed = catalogue_token()
    rename_botox()  # its write into the copy never comes, as when the cache was unreachable
    cache.set(version_copy_key(), missed, 60)  # the copy from before, however slowly this test runs
    assert ">Botulinum toxin</a></th>" not in client.get("/treatments/compare/").content.decode()
    cache.delete(version_copy_key())  # as it expires
    assert ">Botulinum toxin</a></th>" in client.get("/treatments/compare/").content.decode()
    assert cache.get(version_copy_key()) == catalogue_token()
    assert 0 < copy_seconds_left(cache) <= VERSION_COPY_SECONDS


def copy_seconds_left(cache) -> float:
    if hasattr(cache, "_expire_info"):  # LocMemCache
        return cache._expire_info[cache.make_and_validate_key(version_copy_key())] - time.time()
    return cache.ttl(version_copy_key())


def test_a_signed_in_patient_gets_their_own_menu_and_nothing_of_theirs_is_stored(client, catalogue):
    client.get("/")  # the visitors' copy is stored
    patient = make_user("ruth.okafor", email="ruth.okafor@example.com")
    sign_in(client, patient)
    for path in PAGES:
        html = client.get(path).content.decode()
        assert "Sign out (ruth.okafor)" in html
        assert "Sign in</a>" not in html
    assert len(stored_pages()) == 1
    stored = str(caches["public"].get_many(stored_pages()))
    assert "ruth.okafor" not in stored


def test_for_a_signed_in_visitor_the_content_still_comes_from_the_cached_fragment(client, catalogue):
    sign_in(client, make_user("amara.lewis"))
    client.get("/treatments/botox/")
    with CaptureQueriesContext(connection) as second:
        html = client.get("/treatments/botox/").content.decode()
    assert "Sign out (amara.lewis)" in html and "Drooping eyelid" in html
    read = " ".join(query["sql"] for query in second.captured_queries)
    assert "treatments_treatment" in read  # the page's own treatment, for its title
    assert "treatments_sideeffect" not in read and "treatments_precaution" not in read


def test_a_visitor_with_a_waiting_message_gets_the_page_rendered_and_not_stored(catalogue):
    shown = []

    def show_messages(request):
        shown.extend(str(message) for message in messages.get_messages(request))
        return HttpResponse("<p>the page</p>")

    storage = CookieStorage(RequestFactory().get("/treatments/"))
    storage.add(messages.SUCCESS, "You have signed out.")
    response = HttpResponse()
    storage.update(response)
    request = visitor_request(cookies={CookieStorage.cookie_name: response.cookies[CookieStorage.cookie_name].value})
    public_catalogue_page(show_messages)(request)
    assert shown == ["You have signed out."]
    assert stored_pages() == []


def test_a_message_added_on_the_way_keeps_the_page_from_being_stored(catalogue):
    def page_that_adds_a_message(request):
        messages.info(request, "Welcome back.")
        return HttpResponse("<p>the page</p>")

    request = visitor_request()
    public_catalogue_page(page_that_adds_a_message)(request)
    assert stored_pages() == []


def test_session_data_written_on_the_way_keeps_the_page_from_being_stored(catalogue):
    def page_that_writes_the_session(request):
        request.session["seen_botox"] = True
        return HttpResponse("<p>the page</p>")

    request = visitor_request()
    public_catalogue_page(page_that_writes_the_session)(request)
    assert stored_pages() == []


def test_a_query_string_is_rendered_afresh_and_not_stored(client, catalogue):
    assert client.get("/treatments/?utm_source=leaflet").status_code == 200
    assert stored_pages() == []


def test_a_page_that_used_a_csrf_token_is_never_stored(catalogue):
    def page_with_a_form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    request = visitor_request()
    public_catalogue_page(page_with_a_form)(request)
    assert stored_pages() == []


def test_a_missing_treatment_is_not_stored(client, catalogue):
    assert client.get("/treatments/no-such-thing/").status_code == 404
    assert stored_pages() == []


class FormPage:
    """A page with a form whose tokens are numbered per visitor, counting how often it is rendered."""

    def __init__(self, body: str = "<form>{csrf_token} {submission_token}</form>"):
        self.body, self.renders, self.made = body, 0, 0

    def render(self, values: dict) -> HttpResponse:
        self.renders += 1
        return HttpResponse(self.body.format(**values))

    def token(self) -> str:
        self.made += 1
        return f"visitor-token-{self.made}"

    def serve(self, request) -> str:
        tokens = {"csrf_token": self.token, "submission_token": self.token}
        return public_page_with_tokens(request, "form-page", self.render, tokens).content.decode()


def test_each_visitor_gets_the_stored_form_page_with_their_own_tokens(catalogue):
    page = FormPage()
    first, second = page.serve(visitor_request()), page.serve(visitor_request())
    assert first == "<form>visitor-token-1 visitor-token-2</form>"
    assert second == "<form>visitor-token-3 visitor-token-4</form>"
    assert page.renders == 1
    [key] = stored_pages("form-page")
    stored = str(caches["public"].get(key))
    assert "placeholder-4f1d9c-csrf_token placeholder-4f1d9c-submission_token" in stored
    assert "visitor-token" not in stored


def test_a_visitor_with_a_session_gets_the_form_page_rendered_with_their_tokens_and_nothing_stored(catalogue):
    page = FormPage()
    html = page.serve(visitor_request(cookies={"sessionid": "abc"}))
    assert html == "<form>visitor-token-1 visitor-token-2</form>"
    assert stored_pages("form-page") == []


def test_a_form_page_with_a_token_in_two_places_gets_it_in_both_and_is_not_stored(catalogue):
    page = FormPage("<form>{csrf_token} {submission_token}</form><p>{csrf_token}</p>")
    html = page.serve(visitor_request())
    assert html == "<form>visitor-token-1 visitor-token-2</form><p>visitor-token-1</p>"
    assert stored_pages("form-page") == []


def test_a_form_page_that_added_a_message_on_the_way_gets_its_tokens_and_is_not_stored(catalogue):
    page = FormPage()

    def render_with_a_message(values):
        messages.info(request, "Welcome back.")
        return page.render(values)

    request = visitor_request()
    tokens = {"csrf_token": page.token, "submission_token": page.token}
    response = public_page_with_tokens(request, "form-page", render_with_a_message, tokens)
    assert response.content.decode() == "<form>visitor-token-1 visitor-token-2</form>"
    assert stored_pages("form-page") == []
