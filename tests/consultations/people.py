"""Small factories for users in each role, and signing them in as the login form would."""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF
from accounts.second_factor import second_factor_required

PASSWORD = "a-long-test-password"  # noqa: S105 - test accounts only
# Every test staff account's authenticator app holds this secret (base32).
TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # noqa: S105


def make_user(username: str, role: str | None = None, **extra):
    """A user whose email address is verified; staff roles come with TOTP enrolled."""
    email = extra.pop("email", f"{username}@example.com")
    user = get_user_model().objects.create_user(username, email, PASSWORD, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if email:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if second_factor_required(user):
        TOTP.activate(user, TOTP_SECRET)
    return user


def make_staff(username="reception"):
    return make_user(username, STAFF)


def make_editor(username="writer"):
    return make_user(username, CONTENT_EDITORS, is_staff=True)


def make_clinic_admin(username="owner"):
    return make_user(username, CLINIC_ADMINS, is_staff=True, is_superuser=True)


def totp_code(secret: str = TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user) -> None:
    """force_login, plus, for staff and admins, the record allauth keeps of a sign-in confirmed with the code."""
    client.force_login(user)
    if second_factor_required(user):
        session = client.session
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "username": user.username},
            {"method": "mfa", "at": time.time(), "id": totp.pk if totp else None, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
