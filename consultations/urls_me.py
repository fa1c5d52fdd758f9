from django.urls import path, re_path

from consultations import me_views as views

app_name = "me"
urlpatterns = [
    path("", views.home, name="home"),
    path("export.json", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("claim/<str:token>/", views.claim, name="claim"),
    re_path(
        r"^consultations/(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$", views.consultation, name="consultation"
    ),
]
