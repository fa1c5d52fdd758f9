"""Signing in (allauth): username or email, a second factor for staff and admins, Argon2, no enumeration, a
cool-off after repeated failures, and a limit per client address."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.consultations.people import PASSWORD, make_clinic_admin, make_editor, make_staff, make_user, totp_code

pytestmark = pytest.mark.django_db


def log_in(client, login, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": login, "password": password}, **extra)


def with_code(client, response, code=None):
    """The second step a staff sign-in goes through: the code from the authenticator app."""
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/", response
    return client.post("/accounts/2fa/authenticate/", {"code": code or totp_code()})


def test_login_page_asks_for_a_username_or_email_and_a_password(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'name="login"' in html and 'name="password"' in html
    # Said as the page's heading and the menu say it; allauth's own label, "Login", read as a button.
    assert re.search(r'<label[^>]*for="id_login"[^>]*>\s*Email or username', html)
    assert 'placeholder="Email or username"' in re.search(r'<input[^>]*name="login"[^>]*>', html).group()
    assert ">Sign in</a>" in html and ">Log in<" not in html


def test_a_patient_signs_in_with_the_username_or_the_email_address(client):
    make_user("pat", email="pat@example.com")
    response = log_in(client, "pat")
    assert response.status_code == 302 and client.get(response["Location"]).url == "/me/"
    client.post("/accounts/logout/")
    response = log_in(client, "PAT@example.com")
    assert response.status_code == 302 and client.get(response["Location"]).url == "/me/"


@pytest.mark.parametrize(("make", "landing"), [(make_staff, "/staff/"), (make_editor, "/admin/")])
def test_staff_and_editors_sign_in_with_the_code_and_land_on_their_page(client, make, landing):
    user = make()
    response = with_code(client, log_in(client, user.username))
    assert response.status_code == 302
    assert client.get(response["Location"]).url == landing
    assert client.get(landing).status_code == 200


@pytest.mark.parametrize("make", [make_staff, make_editor, make_clinic_admin])
def test_no_staff_or_admin_page_opens_on_the_password_alone(client, make):
    user = make()
    response = log_in(client, user.username)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    for path in ("/staff/", "/admin/", "/admin/treatments/treatment/"):
        followed = client.get(path, follow=True)  # back to the sign-in, at the step it stopped: the code
        assert followed.request["PATH_INFO"] == "/accounts/2fa/authenticate/", path
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200  # a wrong code
    assert client.get("/staff/").status_code == 302


def test_a_session_signed_in_without_the_code_is_sent_back_to_sign_in(client):
    """However a password-only session came about (the admin's own login form, a session from before the second
    factor), /staff/ and /admin/ end it and ask for a sign-in with the code."""
    staff = make_staff()
    client.force_login(staff)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/staff/")
    assert "_auth_user_id" not in client.session


def test_the_admins_own_login_form_hands_over_to_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    make_clinic_admin("boss")
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)  # allauth announces a new authenticator on commit, as in production
def test_staff_without_a_second_factor_must_set_one_up_first(client):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    staff = make_staff()
    Authenticator.objects.filter(user=staff).delete()
    response = log_in(client, staff.username)
    assert response.status_code == 302
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    # Turning on a second factor asks for the password once more, then shows the QR code.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]  # what the QR code on the page holds
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/staff/").status_code == 200  # enrolling took a valid code: the session is confirmed


def test_a_recovery_code_stands_in_for_a_lost_phone(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    staff = make_staff()
    codes = RecoveryCodes.activate(staff).get_unused_codes()
    response = with_code(client, log_in(client, staff.username), code=codes[0])
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_a_code_used_once_is_refused_with_a_reason_a_person_can_act_on(client):
    staff = make_staff()
    code = totp_code()
    assert with_code(client, log_in(client, staff.username), code=code).status_code == 302
    second = Client()
    response = with_code(second, log_in(second, staff.username), code=code)
    assert response.status_code == 200
    assert "Each code works once and changes every 30 seconds" in response.content.decode()
    assert second.get("/staff/").status_code == 302


def test_production_hashes_passwords_with_argon2():
    import clinic.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] == 12


def test_passwords_shorter_than_12_characters_are_refused():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Short1!xyz")


def test_repeated_failures_lock_that_username_from_that_address_for_a_while(client):
    make_user("victim")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "victim", "wrong-password", REMOTE_ADDR="10.1.1.1").status_code == 200
    assert log_in(client, "victim", "wrong-password", REMOTE_ADDR="10.1.1.1").status_code == 429
    locked = log_in(client, "victim", REMOTE_ADDR="10.1.1.1")  # even the right password waits out the cool-off
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # Not a permanent IP lock: another account from the same address, or this one from elsewhere, still works.
    make_user("neighbour")
    assert log_in(client, "neighbour", REMOTE_ADDR="10.1.1.1").status_code == 302
    client.post("/accounts/logout/")
    assert log_in(client, "victim", REMOTE_ADDR="10.2.2.2").status_code == 302
    assert settings.AXES_COOLOFF_TIME > 0


def test_the_lockout_counts_the_username_and_the_email_address_in_any_case_as_tried(client):
    make_user("victim", email="victim@example.com")
    for login in ["victim", "VICTIM", "Victim", "victim", "victim"][: settings.AXES_FAILURE_LIMIT]:
        log_in(client, login, "wrong-password", REMOTE_ADDR="10.1.1.1")
    assert log_in(client, "victim", REMOTE_ADDR="10.1.1.1").status_code == 429


def test_behind_a_proxy_the_lockout_keys_on_the_client_not_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("staffer")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "staffer", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert log_in(client, "staffer", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy).status_code == 429
    # The real user, behind the same proxy, is not locked out by someone else's failures.
    assert log_in(client, "staffer", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302


def test_a_failed_login_does_not_say_whether_the_account_exists(client):
    make_user("known")
    wrong_password = log_in(client, "known", "nope-nope-nope")
    no_account = log_in(client, "unknown", "nope-nope-nope")
    assert wrong_password.status_code == no_account.status_code == 200
    message = "The username and/or password you specified are not correct."
    assert message in wrong_password.content.decode() and message in no_account.content.decode()


def test_logout_is_a_post_and_ends_the_session(client):
    make_user("pat")
    log_in(client, "pat")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/me/").status_code == 302


def test_a_login_made_in_process_without_an_address_is_recorded_without_one(client):
    """The test client's force_login (and any in-process login) has no REMOTE_ADDR: axes must not store "unknown"
    in its address column, which PostgreSQL refuses."""
    from axes.models import AccessLog

    client.force_login(make_user("pat"))
    assert AccessLog.objects.get().ip_address is None


def limit_three_per_address(settings):
    limits = dict(settings.ACCOUNT_RATE_LIMITS)
    for action in ("login", "login_failed", "signup", "reset_password"):
        limits[action] = "3/900s/ip"
    settings.ACCOUNT_RATE_LIMITS = limits


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/accounts/login/", {"login": "nobody", "password": "wrong-password"}),
        ("/accounts/signup/", {"email": "not-an-email", "password1": "a", "password2": "b"}),
        ("/accounts/password/reset/", {"email": "someone@example.com"}),
    ],
)
def test_one_address_sending_many_account_forms_is_slowed_down_and_others_are_not(client, settings, path, data):
    limit_three_per_address(settings)
    for _ in range(3):
        assert client.post(path, data, REMOTE_ADDR="192.0.2.50").status_code != 429
    refused = client.post(path, data, REMOTE_ADDR="192.0.2.50")
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert client.post(path, data, REMOTE_ADDR="192.0.2.51").status_code != 429


def test_behind_a_proxy_the_address_limit_counts_the_client_not_the_proxy(client, settings):
    limit_three_per_address(settings)
    settings.TRUSTED_PROXY_COUNT = 1
    data = {"login": "nobody", "password": "wrong-password"}
    for _ in range(4):
        client.post("/accounts/login/", data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = client.post("/accounts/login/", data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 200


def test_password_reset_answers_the_same_whether_the_address_has_an_account(client, mailoutbox):
    make_user("pat", email="pat@example.com")
    known = client.post("/accounts/password/reset/", {"email": "pat@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mailoutbox] == [["pat@example.com"], ["nobody@example.com"]]
    assert "reset" in mailoutbox[0].body.lower() and "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "/accounts/password/reset/key/" not in mailoutbox[1].body  # a notice: no account here, no link


def test_signing_in_to_an_unconfirmed_account_resends_the_link_at_most_every_three_minutes(client, mailoutbox):
    from allauth.account.models import EmailAddress

    user = make_user("late", email="late@example.com")
    EmailAddress.objects.filter(user=user).update(verified=False)
    for _ in range(3):
        response = log_in(client, "late")
        assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert len([m for m in mailoutbox if m.to == ["late@example.com"]]) == 1
    assert client.get("/me/").status_code == 302  # not signed in
