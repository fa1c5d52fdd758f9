from django.urls import path, re_path

from consultations import draft_views, views

app_name = "consultations"
urlpatterns = [
    path("", views.intake, name="intake"),
    path("saved/", draft_views.saved, name="draft-saved"),
    path("resume/<str:token>/", draft_views.resume, name="resume"),
    path("continue/", draft_views.carry_on, name="draft-continue"),
    re_path(r"^(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$", views.result, name="result"),
]
