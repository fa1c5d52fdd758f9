from django.urls import path, re_path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.intake, name="intake"),
    re_path(r"^(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$", views.result, name="result"),
]
