from django.urls import path, re_path

from consultations import tablet_views, views

app_name = "consultations"
urlpatterns = [
    path("", views.intake, name="intake"),
    path("tablet/", tablet_views.intake, name="tablet"),
    path("tablet/sent/", tablet_views.sent, name="tablet-sent"),
    path("tablet/lock/", tablet_views.lock, name="tablet-lock"),
    path("tablet/locked/", tablet_views.locked, name="tablet-locked"),
    re_path(r"^(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$", views.result, name="result"),
]
