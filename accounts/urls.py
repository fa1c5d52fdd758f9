from django.urls import include, path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("landing/", views.landing, name="landing"),
]

# Django's login, logout, password change and reset views, under their usual un-namespaced names.
auth_urlpatterns = [path("", include("django.contrib.auth.urls"))]
