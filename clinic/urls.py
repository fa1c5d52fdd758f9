"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns
from clinic import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name our icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path("treatments/", include("treatments.urls")),
    path("consultation/", include("consultations.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(auth_urlpatterns)),
    path("me/", include("consultations.urls_me")),
    path("staff/", include("staff.urls")),
    path("admin/", admin.site.urls),
]
