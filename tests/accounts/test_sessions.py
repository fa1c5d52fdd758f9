"""Sessions: a new key at login, how long they live, and what ends them."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.middleware import LOGGED_IN_AT
from tests.consultations.people import make_staff, make_user, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def log_in(client, username="pat"):
    """The login form, and for staff the code from their authenticator app."""
    response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
    if response.get("Location") == "/accounts/2fa/authenticate/":
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    return response


def test_the_session_key_changes_at_login():
    make_user("pat")
    client = Client()
    client.get("/accounts/login/")
    client.session["before"] = True  # make sure an anonymous session exists
    client.session.save()
    before = client.session.session_key
    assert log_in(client).status_code == 302
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_deletes_the_session_on_the_server():
    make_user("pat")
    client = Client()
    log_in(client)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    # A copied cookie is worthless afterwards.
    thief = Client()
    thief.cookies["sessionid"] = key
    assert thief.get("/me/").status_code == 302


def test_a_password_change_ends_the_users_other_sessions_but_keeps_this_one():
    make_user("pat")
    laptop, phone = Client(), Client()
    log_in(laptop)
    log_in(phone)
    assert phone.get("/me/").status_code == 200
    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-brand-new-password-42", "password2": "a-brand-new-password-42"},
    )
    assert response.status_code == 302
    assert laptop.get("/me/").status_code == 200
    assert phone.get("/me/").status_code == 302


def test_a_staff_session_idles_out_after_30_minutes_counted_from_login(client, settings):
    make_staff("desk")
    log_in(client, "desk")
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_SECONDS == 30 * 60


def test_a_patient_session_idles_out_after_two_hours_not_two_weeks(client, settings):
    make_user("pat")
    log_in(client)
    assert client.session.get_expiry_age() == settings.PATIENT_IDLE_SECONDS == 2 * 60 * 60
    assert client.get("/me/").status_code == 200
    assert client.session.get_expiry_age() == 2 * 60 * 60


def test_a_staff_session_ends_after_a_working_day_however_busy(client, settings):
    make_staff("desk")
    log_in(client, "desk")
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - settings.STAFF_SESSION_MAX_SECONDS - 1
    session.save()
    assert client.get("/staff/").status_code == 302  # to the login page


def test_deleting_a_user_ends_their_sessions(client):
    user = make_user("pat")
    log_in(client)
    assert client.get("/me/").status_code == 200
    user.delete()
    assert client.get("/me/").status_code == 302
