from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views
from accounts.throttle import posts_limited_per_address

app_name = "accounts"
urlpatterns = [
    path("signup/", posts_limited_per_address("signup")(views.signup), name="signup"),
    path("landing/", views.landing, name="landing"),
]

# Django's login, logout, password change and reset views, under their usual un-namespaced names; the two that a
# stranger can send over and over are limited per client address.
auth_urlpatterns = [
    path("login/", posts_limited_per_address("login")(auth_views.LoginView.as_view()), name="login"),
    path(
        "password_reset/",
        posts_limited_per_address("password-reset")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("", include("django.contrib.auth.urls")),
]
