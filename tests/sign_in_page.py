"""Signing in through the served login pages in Chromium, as a person does: the password form, then, for staff and
admins, the code their authenticator app shows (the demo accounts' app holds the published demo secret)."""

import time

# accounts.second_factor.DEMO_TOTP_SECRET, spelt out so this module imports nothing of Django's at import time.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_page(page, base_url: str, username: str, password: str, secret: str = DEMO_TOTP_SECRET) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" not in page.url:
        return
    for _ in range(2):
        page.fill("#id_code", totp_code(secret))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        if "/accounts/2fa/authenticate/" not in page.url:
            return
        # A code is accepted once: a second sign-in within the same 30 seconds waits for the next one.
        time.sleep(30 - time.time() % 30 + 1)
    raise AssertionError(f"{username} could not sign in with the code: {page.inner_text('main')[:300]}")
