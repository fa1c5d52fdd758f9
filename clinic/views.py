"""Site-wide views: the home page and the health check. Error pages are Django's handlers with our templates."""

import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from treatments.catalogue import catalogue_version
from treatments.models import Treatment
from treatments.page_cache import public_catalogue_page


@public_catalogue_page
def home(request):
    # The cards are cached under the catalogue's version; the list is read only when that copy is missing.
    treatments = SimpleLazyObject(lambda: list(Treatment.objects.published()))
    return render(request, "home.html", {"treatments": treatments, "version": catalogue_version()})


def cache_answers() -> bool:
    """Write and read back a value in the public pages' cache (Redis in production) under a key of this call's own;
    the Redis backend turns errors into misses."""
    cache = caches["public"]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except DatabaseError:  # the database cache's table is missing or the database is down
        return False
    return answered


@never_cache
def healthz(request):
    """200 while the database answers; the body also says whether the cache does (without it pages still work)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database: unavailable\n", status=503, content_type="text/plain")
    cache_state = "ok" if cache_answers() else "unavailable"
    return HttpResponse(f"ok\ndatabase: ok\ncache: {cache_state}\n", content_type="text/plain")


def favicon(request):
    # Resolved per request: the hashed static name exists only once static files are collected.
    return redirect(static("img/favicon.svg"), permanent=True)
