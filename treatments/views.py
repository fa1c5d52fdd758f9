"""Public treatment pages: the library, one treatment, and the side-by-side comparison.

Their content changes only when an admin edits the catalogue, so templates cache it under the catalogue's
version and the language; the context is lazy, so the content is read only when the cached copy is missing.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from treatments import catalogue
from treatments.models import Treatment


def library(request):
    treatments = SimpleLazyObject(lambda: list(Treatment.objects.published()))
    return render(
        request, "treatments/library.html", {"treatments": treatments, "version": catalogue.catalogue_version()}
    )


def detail(request, slug):
    treatment = get_object_or_404(Treatment.objects.published().only("pk", "slug", "name", "summary"), slug=slug)
    page = SimpleLazyObject(lambda: catalogue.treatment_page(treatment))
    context = {"page": page, "treatment": treatment, "version": catalogue.catalogue_version()}
    return render(request, "treatments/detail.html", context)


def compare(request):
    table = SimpleLazyObject(catalogue.comparison_rows)
    return render(request, "treatments/compare.html", {"table": table, "version": catalogue.catalogue_version()})
