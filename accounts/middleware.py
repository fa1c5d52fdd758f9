"""Logs staff out after a period of inactivity; patients keep the normal session length."""

from django.conf import settings


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (user.is_staff or user.groups.exists()):
            # Each request pushes the expiry forward, so only idle time counts.
            request.session.set_expiry(settings.STAFF_IDLE_SECONDS)
        return self.get_response(request)
