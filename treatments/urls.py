from django.urls import path

from treatments import views

app_name = "treatments"
urlpatterns = [
    path("", views.library, name="library"),
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.detail, name="detail"),
]
