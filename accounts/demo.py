"""Demo accounts for `make run`: created only in debug or demo mode, never in production."""

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF
from accounts.second_factor import DEMO_TOTP_SECRET, has_second_factor, second_factor_required

# A published demo password: the accounts are refused outside demo mode.
DEMO_PASSWORD = "clinic-demo-pass"  # noqa: S105  # nosec B105

# username: (role group or None for a patient, is_staff for the admin site, is_superuser, email)
DEMO_ACCOUNTS = {
    "admin": (CLINIC_ADMINS, True, True, "admin@clinic.example"),
    "staff": (STAFF, False, False, "staff@clinic.example"),
    "editor": (CONTENT_EDITORS, True, False, "editor@clinic.example"),
    "patient": (None, False, False, "patient@example.com"),
    "patient2": (None, False, False, "patient2@example.com"),
}


def demo_mode_required() -> None:
    if not (settings.DEBUG or settings.DEMO_MODE):
        raise ImproperlyConfigured("Demo accounts are only created with DJANGO_DEBUG or DJANGO_DEMO_MODE on.")


def demo_accounts_create() -> list[str]:
    """Create the demo accounts that are missing; return the usernames created. Every demo account, new or from an
    earlier run, has its address confirmed and, for staff, admin and editor, the demo TOTP secret enrolled."""
    demo_mode_required()
    User = get_user_model()
    created = []
    for username, (role, is_staff, is_superuser, email) in DEMO_ACCOUNTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                email,
                DEMO_PASSWORD,
                is_staff=is_staff,
                is_superuser=is_superuser,
                first_name=username.title(),
            )
            if role:
                user.groups.add(Group.objects.get(name=role))
            created.append(username)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if second_factor_required(user) and not has_second_factor(user):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
    return created
