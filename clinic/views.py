"""Site-wide views: the home page and the health check. Error pages are Django's handlers with our templates."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from treatments.models import Treatment


def home(request):
    treatments = Treatment.objects.published()
    return render(request, "home.html", {"treatments": treatments})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
