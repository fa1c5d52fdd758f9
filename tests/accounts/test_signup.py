"""Patients create an account to keep their consultations."""

import pytest
from django.contrib.auth import get_user_model

from tests.consultations.people import make_user

pytestmark = pytest.mark.django_db


def sign_up(client, **overrides):
    data = {
        "username": "newpatient",
        "email": "new@example.com",
        "password1": "correct horse battery staple",
        "password2": "correct horse battery staple",
    }
    return client.post("/accounts/signup/", {**data, **overrides})


def test_signup_creates_a_patient_and_logs_them_in(client):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/me/"
    user = get_user_model().objects.get(username="newpatient")
    assert not user.is_staff and not user.groups.exists()
    assert client.get("/me/").status_code == 200


def test_signup_keeps_answers_and_explains_a_short_password(client):
    response = sign_up(client, password1="short", password2="short")
    html = response.content.decode()
    assert "at least 12 characters" in html
    assert 'value="new@example.com"' in html


def test_signup_refuses_an_email_already_in_use(client):
    make_user("existing", email="new@example.com")
    assert "An account with this email already exists" in sign_up(client).content.decode()


def test_signup_returns_to_the_claim_link(client, catalogue):
    from consultations.patient_data import claim_token
    from tests.consultations.factories import make_consultation

    token = claim_token(make_consultation())
    response = client.post(
        f"/accounts/signup/?next=/me/claim/{token}/",
        {
            "username": "claimer",
            "email": "claimer@example.com",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    assert response["Location"] == f"/me/claim/{token}/"


def test_signup_never_redirects_to_another_site(client):
    response = client.post(
        "/accounts/signup/?next=https://evil.example/",
        {
            "username": "careful",
            "email": "careful@example.com",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    assert response["Location"] == "/me/"


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "newpatient12345"])
def test_signup_refuses_a_repeated_common_or_guessable_password(client, weak):
    response = sign_up(client, password1=weak, password2=weak)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="newpatient").exists()
