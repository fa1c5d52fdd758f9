"""Public treatment pages: the library, one treatment, and the side-by-side comparison."""

from django.shortcuts import get_object_or_404, render

from treatments import catalogue
from treatments.models import Treatment


def library(request):
    return render(request, "treatments/library.html", {"treatments": Treatment.objects.published()})


def detail(request, slug):
    treatment = get_object_or_404(Treatment.objects.published(), slug=slug)
    return render(request, "treatments/detail.html", catalogue.treatment_page(treatment))


def compare(request):
    return render(request, "treatments/compare.html", catalogue.comparison_rows())
