"""Site-wide views: the home page and the health check. Error pages are Django's handlers with our templates."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from treatments.catalogue import catalogue_stamp
from treatments.models import Treatment


def home(request):
    # The cards are cached under the catalogue's stamp; the list is read only when that copy is missing.
    treatments = SimpleLazyObject(lambda: list(Treatment.objects.published()))
    return render(request, "home.html", {"treatments": treatments, "stamp": catalogue_stamp()})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request):
    # Resolved per request: the hashed static name exists only once static files are collected.
    return redirect(static("img/favicon.svg"), permanent=True)
