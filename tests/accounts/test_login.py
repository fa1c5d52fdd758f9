"""Logging in: where each role lands, Argon2 hashing, long passwords, and a cool-off after repeated failures."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.consultations.people import make_editor, make_staff, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_login_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


@pytest.mark.parametrize(
    ("make", "landing"), [(make_staff, "/staff/"), (make_editor, "/admin/"), (lambda: make_user("pat"), "/me/")]
)
def test_each_role_lands_on_its_own_page(client, make, landing):
    user = make()
    response = log_in(client, user.username)
    assert response.status_code == 302
    assert client.get(response["Location"]).url == landing


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
    client.logout()
    assert log_in(client, "victim", REMOTE_ADDR="10.2.2.2").status_code == 302
    assert settings.AXES_COOLOFF_TIME > 0


def test_behind_a_proxy_the_lockout_keys_on_the_client_not_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("staffer")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "staffer", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert log_in(client, "staffer", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy).status_code == 429
    # The real staff member, behind the same proxy, is not locked out by someone else's failures.
    assert log_in(client, "staffer", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302


def test_a_failed_login_does_not_say_whether_the_account_exists(client):
    make_user("known")
    wrong_password = log_in(client, "known", "nope-nope-nope").content.decode()
    no_account = log_in(client, "unknown", "nope-nope-nope").content.decode()
    assert "Please enter a correct username and password" in wrong_password
    assert "Please enter a correct username and password" in no_account


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(make_user("pat"))
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/me/").status_code == 302


def test_a_login_made_in_process_without_an_address_is_recorded_without_one(client):
    """The test client's force_login (and any in-process login) has no REMOTE_ADDR: axes must not store "unknown"
    in its address column, which PostgreSQL refuses."""
    from axes.models import AccessLog

    client.force_login(make_user("pat"))
    assert AccessLog.objects.get().ip_address is None


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/accounts/login/", {"username": "nobody", "password": "wrong-password"}),
        ("/accounts/signup/", {"username": "x", "email": "not-an-email", "password1": "a", "password2": "b"}),
        ("/accounts/password_reset/", {"email": "someone@example.com"}),
    ],
)
def test_one_address_sending_many_account_forms_is_slowed_down_and_others_are_not(client, settings, path, data):
    settings.ACCOUNT_POSTS_PER_ADDRESS = 3
    for _ in range(3):
        assert client.post(path, data, REMOTE_ADDR="192.0.2.50").status_code != 429
    refused = client.post(path, data, REMOTE_ADDR="192.0.2.50")
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert client.post(path, data, REMOTE_ADDR="192.0.2.51").status_code != 429
