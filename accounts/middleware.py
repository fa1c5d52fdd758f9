"""Logs staff out after a period of inactivity; patients keep the normal session length."""

import time

from django.conf import settings

from accounts.roles import works_at_clinic

# Pushing the expiry forward saves the session; once a minute is enough for a 30-minute idle limit.
TOUCH_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and works_at_clinic(user):
            now = int(time.time())
            session = request.session
            if session.get_expiry_age() != settings.STAFF_IDLE_SECONDS or now - session.get("idle_touch", 0) >= (
                TOUCH_EVERY_SECONDS
            ):
                session.set_expiry(settings.STAFF_IDLE_SECONDS)
                session["idle_touch"] = now
        return self.get_response(request)
