"""Public treatment pages: the library, one treatment, and the side-by-side comparison.

Their content changes only when an admin edits the catalogue, so templates cache it under the catalogue's
stamp; the context is lazy, so the database is read only when the cached copy is missing.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from treatments import catalogue
from treatments.models import Treatment


def library(request):
    treatments = SimpleLazyObject(lambda: list(Treatment.objects.published()))
    return render(request, "treatments/library.html", {"treatments": treatments, "stamp": catalogue.catalogue_stamp()})


def detail(request, slug):
    stamp = catalogue.catalogue_stamp()
    titles = catalogue.published_titles(stamp)
    if slug not in titles:
        raise Http404
    name, summary = titles[slug]
    page = SimpleLazyObject(lambda: catalogue.treatment_page(Treatment.objects.published().get(slug=slug)))
    context = {"page": page, "slug": slug, "name": name, "summary": summary, "stamp": stamp}
    return render(request, "treatments/detail.html", context)


def compare(request):
    table = SimpleLazyObject(catalogue.comparison_rows)
    return render(request, "treatments/compare.html", {"table": table, "stamp": catalogue.catalogue_stamp()})
