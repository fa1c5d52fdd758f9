"""Public treatment pages: the library, one treatment, and the side-by-side comparison.

Their content changes only when an admin edits the catalogue. A visitor without a session gets the whole page from
the public cache (treatments/page_cache.py); for everyone else the templates cache the content under the catalogue's
version and the language, and the context is lazy, so the content is read only when the cached copy is missing.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from treatments import catalogue
from treatments.models import Treatment
from treatments.page_cache import public_catalogue_page


@public_catalogue_page
def library(request):
    treatments = SimpleLazyObject(lambda: list(Treatment.objects.published()))
    return render(
        request, "treatments/library.html", {"treatments": treatments, "version": catalogue.catalogue_version()}
    )


@public_catalogue_page
def detail(request, slug):
    treatment = get_object_or_404(Treatment.objects.published().only("pk", "slug", "name", "summary"), slug=slug)
    page = SimpleLazyObject(lambda: catalogue.treatment_page(treatment))
    context = {"page": page, "treatment": treatment, "version": catalogue.catalogue_version()}
    return render(request, "treatments/detail.html", context)


@public_catalogue_page
def compare(request):
    table = SimpleLazyObject(catalogue.comparison_rows)
    return render(request, "treatments/compare.html", {"table": table, "version": catalogue.catalogue_version()})
