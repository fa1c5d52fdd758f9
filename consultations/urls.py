from django.urls import path, re_path

from consultations import draft_views, tablet_views, views

app_name = "consultations"
urlpatterns = [
    path("", views.intake, name="intake"),
    path("tablet/", tablet_views.intake, name="tablet"),
    path("tablet/sent/", tablet_views.sent, name="tablet-sent"),
    path("tablet/lock/", tablet_views.lock, name="tablet-lock"),
    path("tablet/locked/", tablet_views.locked, name="tablet-locked"),
    path("saved/", draft_views.saved, name="draft-saved"),
    path("resume/<str:token>/", draft_views.resume, name="resume"),
    path("continue/", draft_views.carry_on, name="draft-continue"),
    re_path(r"^(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$", views.result, name="result"),
]
