"""The second factor: who must use one, whether this session did, and the demo accounts' fixed TOTP secret."""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

from accounts.roles import works_at_clinic

# The published demo secret (base32): enrolled for the demo staff, admin and editor accounts in demo mode only.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105  # nosec B105


def second_factor_required(user) -> bool:
    """Staff, clinic admins and anyone who can open the admin site: never on a password alone."""
    return user.is_authenticated and (user.is_superuser or works_at_clinic(user))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_second_factor(request) -> bool:
    """Whether this session's sign-in (or an enrolment since) was confirmed with a one-time or recovery code."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def enrolment_confirms_session(sender, request, user, authenticator, **kwargs) -> None:
    """On authenticator_added: enrolling took a valid code from the new authenticator, which confirms this session
    as a sign-in with the code would."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
