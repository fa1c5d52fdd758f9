"""The current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) for the bench's and load test's staff accounts, with the
standard library only: locust runs in a venv of its own, without the app's packages."""

import base64
import hashlib
import hmac
import struct
import time

# The secret enrolled for every bench and load-test staff account (base32); throwaway accounts in throwaway databases.
STAFF_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"  # noqa: S105  # nosec B105


def totp_code(secret: str = STAFF_TOTP_SECRET, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def second_factor_enrol(user) -> None:
    """Inside the app's Django: a verified address (allauth signs in only those) and TOTP with the secret above."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    TOTP.activate(user, STAFF_TOTP_SECRET)
