"""How long a signed-in session lives: staff and admins 30 idle minutes and one working day at most; patients
two idle hours. Each request pushes the idle expiry forward (saving the session at most once a minute)."""

import time

from django.conf import settings
from django.contrib.auth import logout

from accounts.roles import works_at_clinic

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
