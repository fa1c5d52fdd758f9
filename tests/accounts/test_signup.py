"""Patients create an account with their email address, confirm it, and only then sign in; sign-up never says
whether an address already has an account."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.consultations.people import make_user

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "correct horse battery staple"


def sign_up(client, path="/accounts/signup/", **overrides):
    data = {"email": "new@example.com", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    return client.post(path, {**data, **overrides})


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_creates_a_patient_who_confirms_the_address_before_signing_in(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="new@example.com")
    assert not user.is_staff and not user.groups.exists()
    assert client.get("/me/").status_code == 302  # not signed in before the address is confirmed
    assert not EmailAddress.objects.get(user=user).verified

    body = mailoutbox[-1].body
    assert body.startswith(f"Hello from {settings.CLINIC_NAME},")  # the clinic's name, not the host's
    assert "This address was given for an account with" in body and settings.CLINIC_PHONE in body
    assert "testserver" not in body.split("http")[0]  # no host name standing in for the clinic
    link = confirmation_link(mailoutbox[-1])
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    signed_in = client.post("/accounts/login/", {"login": "new@example.com", "password": GOOD_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/me/").status_code == 200


def test_signup_keeps_answers_and_explains_a_short_password(client):
    response = sign_up(client, password1="short", password2="short")
    html = response.content.decode()
    assert "at least 12 characters" in html
    assert 'value="new@example.com"' in html


def test_signup_with_a_taken_address_says_nothing_on_the_page_and_tells_that_address(client, mailoutbox):
    make_user("existing", email="new@example.com")
    taken = sign_up(client)
    fresh = sign_up(client, email="fresh@example.com")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"] == "/accounts/confirm-email/"
    assert get_user_model().objects.filter(email__iexact="new@example.com").count() == 1
    to_taken = [m for m in mailoutbox if m.to == ["new@example.com"]]
    assert len(to_taken) == 1 and "/accounts/confirm-email/" not in to_taken[0].body  # a notice, not a link
    assert "already" in to_taken[0].body.lower()


def test_the_signup_form_asks_for_no_username_so_none_can_be_found_taken(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="username"' not in html and 'name="email"' in html


def test_the_signup_form_says_a_consultation_is_added_with_the_emails_link_not_on_its_own(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "To add a consultation to this account, open the link in the email we sent you after the form." in html
    assert "once you confirm it" not in html


def test_signup_returns_to_the_claim_link_after_confirming(client, catalogue, mailoutbox):
    from consultations.patient_data import claim_token
    from tests.consultations.factories import make_consultation

    token = claim_token(make_consultation(email="claimer@example.com"))
    sign_up(client, path=f"/accounts/signup/?next=/me/claim/{token}/", email="claimer@example.com")
    client.post(confirmation_link(mailoutbox[-1]))
    response = client.post(
        f"/accounts/login/?next=/me/claim/{token}/",
        {"login": "claimer@example.com", "password": GOOD_PASSWORD, "next": f"/me/claim/{token}/"},
    )
    assert response["Location"] == f"/me/claim/{token}/"


def test_login_never_redirects_to_another_site(client):
    make_user("careful")
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"login": "careful", "password": "a-long-test-password", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and not response["Location"].startswith("https://evil.example")


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "new@example.com1"])
def test_signup_refuses_a_repeated_common_or_guessable_password(client, weak):
    response = sign_up(client, password1=weak, password2=weak)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="new@example.com").exists()
