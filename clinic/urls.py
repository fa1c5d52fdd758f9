"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from clinic import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("treatments/", include("treatments.urls")),
    path("consultation/", include("consultations.urls")),
    path("admin/", admin.site.urls),
]
