"""Top-level URL map."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from clinic import views

# The admin's own login form would sign in on a password alone: send it to the site's login, with its second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name our icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path("treatments/", include("treatments.urls")),
    path("consultation/", include("consultations.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("consultations.urls_me")),
    path("staff/", include("staff.urls")),
    path("admin/", admin.site.urls),
]
