"""Whole catalogue pages for visitors without a session, served from the public cache.

To a visitor with no session and no waiting message a catalogue page is the same as to everyone else: the menu
offers "Log in", there is no form, so no CSRF token, and nothing of theirs is on it. Such a page is kept whole,
keyed on the catalogue's version (an edit shows at once), the language and the path. Anyone with a session or a
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
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from treatments.catalogue import catalogue_version

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
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # What would become a cookie after the view: session data, or a message added during this request.
        and not request.session.modified
        and not len(messages.get_messages(request))
    )


def public_catalogue_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _same_for_everyone(request):
            return view(request, *args, **kwargs)
        cache = caches["public"]
        key = f"catalogue-page:{catalogue_version()}:{get_language()}:{request.path}"
        page = cache.get(key)
        if page is not None:
            content, content_type = page
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
        # What a visitor with a session sees differs (their menu), so no cache on the way may share this page.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


# A placeholder passes HTML escaping unchanged and is unlikely in any text an editor writes; a page where one is not
# found exactly once is not stored.
PLACEHOLDER = "placeholder-4f1d9c-{}"


def public_page_with_tokens(
    request, key: str, render_page: Callable[[dict], HttpResponse], tokens: dict[str, Callable[[], str]]
) -> HttpResponse:
    """A page that is the same for everyone but for its per-visitor tokens (a form's CSRF and submission tokens).

    `render_page(values)` renders it with `values` (token name -> text) in its context; `tokens` gives, by name, how
    to make this visitor's own. For a visitor without a session the page is stored under `key` with placeholders in
    the tokens' places, never with anyone's tokens, and each visitor's own are filled in on the way out.
    """
    if not _same_for_everyone(request):
        return render_page({name: make() for name, make in tokens.items()})
    cache = caches["public"]
    placeholders = {name: PLACEHOLDER.format(name) for name in tokens}
    page = cache.get(key)
    if page is None:
        response = render_page(placeholders)
        content = response.content
        if _storable(request, response) and all(content.count(text.encode()) == 1 for text in placeholders.values()):
            cache.set(key, (content, response["Content-Type"]), PAGE_SECONDS)
    else:
        content, content_type = page
        response = HttpResponse(content_type=content_type)
    for name, make in tokens.items():
        content = content.replace(placeholders[name].encode(), make().encode())
    response.content = content
    patch_vary_headers(response, ["Cookie"])
    return response
