"""Signed-in sessions: how long they live (staff and admins 30 idle minutes and one working day at most; patients
two idle hours; each request pushes the idle expiry forward, saving the session at most once a minute), and the
second factor staff and admins must have used before any staff or admin page opens."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.roles import works_at_clinic
from accounts.second_factor import has_second_factor, second_factor_required, session_used_second_factor

# Pushing the expiry forward saves the session; once a minute is enough for a 30-minute idle limit.
TOUCH_EVERY_SECONDS = 60
LOGGED_IN_AT = "logged_in_at"
TOUCHED_AT = "idle_touch"


def idle_seconds(user) -> int:
    return settings.STAFF_IDLE_SECONDS if works_at_clinic(user) else settings.PATIENT_IDLE_SECONDS


def session_start(sender, request, user, **kwargs) -> None:
    """At login (user_logged_in): the idle limit counts from now, not from the next request."""
    now = int(time.time())
    request.session[LOGGED_IN_AT] = now
    request.session[TOUCHED_AT] = now
    request.session.set_expiry(idle_seconds(user))


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            logged_in_at = session.get(LOGGED_IN_AT, now)
            if works_at_clinic(user) and now - logged_in_at > settings.STAFF_SESSION_MAX_SECONDS:
                logout(request)
            elif session.get_expiry_age() != idle_seconds(user) or now - session.get(TOUCHED_AT, 0) >= (
                TOUCH_EVERY_SECONDS
            ):
                session.set_expiry(idle_seconds(user))
                session[TOUCHED_AT] = now
                session.setdefault(LOGGED_IN_AT, now)
        return self.get_response(request)


# The pages a password alone never opens for staff and admins.
SECOND_FACTOR_PATHS = ("/staff/", "/admin/")


class SecondFactorRequiredMiddleware:
    """Staff and admins reach /staff/ and /admin/ only in a session confirmed with their second factor. Without
    one enrolled they are sent to enrol it (which confirms the session); with one, but a session that did not use
    it, they are signed out and asked to sign in again with the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(SECOND_FACTOR_PATHS)
            and second_factor_required(user)
            and not session_used_second_factor(request)
        ):
            if not has_second_factor(user):
                messages.info(request, _("Staff accounts need a second factor. Set up an authenticator app to go on."))
                return redirect("mfa_activate_totp")
            logout(request)
            messages.info(request, _("Sign in with your password and the code from your authenticator app."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
