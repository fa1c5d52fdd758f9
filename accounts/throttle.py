"""Sign-in, sign-up and password-reset forms, limited per client address: each POST costs an Argon2 hash or an
email, so a flood of them from one address would slow the site for everyone (the per-account lockout is axes')."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from clinic.client_address import client_ip
from clinic.rate_limits import attempt_allowed


def posts_limited_per_address(bucket: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not attempt_allowed(
                f"accounts-{bucket}",
                client_ip(request),
                settings.ACCOUNT_POSTS_PER_ADDRESS,
                settings.ACCOUNT_POSTS_WINDOW_SECONDS,
            ):
                minutes = settings.ACCOUNT_POSTS_WINDOW_SECONDS // 60
                return render(request, "accounts/too_many.html", {"minutes": minutes}, status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
