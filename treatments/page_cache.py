"""Whole catalogue pages for visitors without a session, served from the public cache.

To a visitor with no session and no waiting message a catalogue page is the same as to everyone else: the menu
offers "Sign in", there is no form, so no CSRF token, and nothing of theirs is on it. Such a page is kept whole under
the release, the language and the path, with the catalogue's token it was rendered at; it is served only while that
is still the catalogue's token (an edit shows at once), checked against the token's copy in the same cache, so a
stored page costs one read of the cache and none of the database. Anyone with a session or a
message gets the page rendered for them, and that page is never stored; neither is one that used a CSRF token or
set a cookie or would (session data or a message added on the way).

A page with a form is kept the same way, but for its tokens (`public_page_with_tokens`): it is rendered once with a
placeholder where each token goes, stored like that, and every visitor's own tokens are filled in on the way out.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from clinic.release import release
from treatments.catalogue import catalogue_token_copied, version_copy_key

PAGE_SECONDS = 24 * 60 * 60


def _same_for_everyone(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that says it must not be stored (one built while the catalogue could not be read).
        and "no-store" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # What would become a cookie after the view: session data, or a message added during this request.
        and not request.session.modified
        and not len(messages.get_messages(request))
    )


def _stored_page(cache, name: str) -> tuple[str, str, tuple | None]:
    """The key for page `name` in this release and language, the catalogue's token, and the page if it was stored
    at that token: one read of the public cache, and of the database only when the cache has no copy of the token.
    """
    key = f"page:{release()}:{get_language()}:{name}"
    found = cache.get_many([version_copy_key(), key])
    token = catalogue_token_copied(found)
    page = found.get(key)
    if page is not None and page[0] == token:
        return key, token, page[1:]
    return key, token, None


def public_catalogue_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _same_for_everyone(request):
            return view(request, *args, **kwargs)
        cache = caches["public"]
        key, token, page = _stored_page(cache, request.path)
        if page is not None:
            content, content_type = page
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (token, response.content, response["Content-Type"]), PAGE_SECONDS)
        # What a visitor with a session sees differs (their menu), so no cache on the way may share this page.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


# A placeholder passes HTML escaping unchanged and is unlikely in any text an editor writes; a page where one is not
# found exactly once is not stored.
PLACEHOLDER = "placeholder-4f1d9c-{}"


def public_page_with_tokens(
    request, page_name: str, render_page: Callable[[dict], HttpResponse], tokens: dict[str, Callable[[], str]]
) -> HttpResponse:
    """A page that is the same for everyone but for its per-visitor tokens (a form's CSRF and submission tokens).

    `render_page(values)` renders it with `values` (token name -> text) in its context; `tokens` gives, by name, how
    to make this visitor's own. For a visitor without a session the page is stored as `page_name` with placeholders in
    the tokens' places, never with anyone's tokens, and each visitor's own are filled in on the way out. With the
    database down and no copy of the catalogue's token in the cache, it is rendered and not stored.
    """
    if not _same_for_everyone(request):
        return render_page({name: make() for name, make in tokens.items()})
    cache = caches["public"]
    placeholders = {name: PLACEHOLDER.format(name) for name in tokens}
    try:
        key, token, page = _stored_page(cache, page_name)
    except DatabaseError:
        key = token = page = None
    if page is None:
        response = render_page(placeholders)
        content = response.content
        storable = token is not None and _storable(request, response)
        if storable and all(content.count(text.encode()) == 1 for text in placeholders.values()):
            cache.set(key, (token, content, response["Content-Type"]), PAGE_SECONDS)
    else:
        content, content_type = page
        response = HttpResponse(content_type=content_type)
    for name, make in tokens.items():
        content = content.replace(placeholders[name].encode(), make().encode())
    response.content = content
    patch_vary_headers(response, ["Cookie"])
    return response
