"""Sessions: a new key at login, logout ends the session on the server, a password change ends the other ones."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.consultations.people import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def log_in(client, username="pat"):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


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
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-password-42",
            "new_password2": "a-brand-new-password-42",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/me/").status_code == 200
    assert phone.get("/me/").status_code == 302
