"""Save and finish later through the pages: save with an email, open the emailed link, enter the code, finish."""

import re
import uuid

import pytest
from django.core import mail

from consultations.models import Consultation, IntakeDraft
from tests.consultations.factories import expire_draft, intake_data

pytestmark = pytest.mark.django_db

HALFWAY = {
    "full_name": "Ada Lovelace",
    "email": "ada@example.com",
    "area-glabella": ["lines-when-moving"],
    "goals": "Look less tired",
    "submission_token": str(uuid.uuid4()),
    "save_draft": "1",
    "step": "3",
}
NO_STORE = "no-store"


def save_halfway(client, **overrides):
    data = {**HALFWAY, **overrides}
    return client.post("/consultation/", {k: v for k, v in data.items() if v is not None})


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/consultation/resume/[^/\s]+/)", message.body)[1]


def code_in(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.M)[1]


def opened(client, catalogue) -> IntakeDraft:
    """Save halfway, open the link in a fresh browser and enter the code: that browser now has the draft open."""
    save_halfway(client)
    link = link_path(mail.outbox[-1])
    client.cookies.clear()
    client.post(link, {"send_code": "1"})
    response = client.post(link, {"code": code_in(mail.outbox[-1])})
    assert response.status_code == 302 and response["Location"] == "/consultation/continue/"
    return IntakeDraft.objects.get()


def test_saving_with_only_an_email_keeps_the_answers_and_emails_a_link(client, catalogue):
    response = save_halfway(client)
    assert response.status_code == 302 and response["Location"] == "/consultation/saved/"
    draft = IntakeDraft.objects.get()
    assert draft.email == "ada@example.com" and draft.step == 3
    assert draft.answers == {
        "full_name": ["Ada Lovelace"],
        "email": ["ada@example.com"],
        "goals": ["Look less tired"],
        "area-glabella": ["lines-when-moving"],
    }
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"] and link_path(message)
    assert Consultation.objects.count() == 0


def test_saving_keeps_neither_tokens_nor_consent_nor_the_honeypot(client, catalogue):
    save_halfway(client, consent="on", csrfmiddlewaretoken="x")
    assert set(IntakeDraft.objects.get().answers) == {"full_name", "email", "goals", "area-glabella"}


def test_the_saved_page_says_where_the_link_went_and_until_when(client, catalogue):
    save_halfway(client)
    response = client.get("/consultation/saved/")
    html = response.content.decode()
    assert "a…@example.com" in html and "ada@example.com" not in html
    assert "It works until" in html
    assert NO_STORE in response["Cache-Control"]


def test_the_saved_page_without_a_saved_form_goes_to_the_form(client, catalogue):
    assert client.get("/consultation/saved/")["Location"] == "/consultation/"


def test_saving_without_an_email_says_so_at_the_email_field_and_keeps_the_answers(client, catalogue):
    response = save_halfway(client, email="")
    html = response.content.decode()
    assert response.status_code == 200
    assert not IntakeDraft.objects.exists() and mail.outbox == []
    assert "To save your answers for later, enter your email address" in html
    assert 'href="#id_email"' in html  # the error summary points at the field
    assert 'value="Ada Lovelace"' in html and "Look less tired</textarea>" in html
    # Only the email is asked for: the unfinished answers raise no error.
    assert "Please answer yes or no" not in html and "Please tick the box" not in html


def test_saving_with_an_invalid_email_says_so(client, catalogue):
    save_halfway(client, email="ada@")
    assert not IntakeDraft.objects.exists()


def test_saving_under_18_keeps_nothing(client, catalogue):
    response = save_halfway(client, date_of_birth="2020-01-01")
    assert "We can only see adults" in response.content.decode()
    assert not IntakeDraft.objects.exists()


def test_saving_is_limited_per_client_address(client, catalogue, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    assert save_halfway(client).status_code == 302
    client.cookies.clear()
    response = save_halfway(client, goals="Second try")
    assert response.status_code == 429 and "Second try</textarea>" in response.content.decode()
    assert IntakeDraft.objects.count() == 1


def test_saving_again_from_the_same_browser_replaces_the_draft(client, catalogue):
    save_halfway(client)
    save_halfway(client, goals="Changed my mind", step="4")
    draft = IntakeDraft.objects.get()
    assert draft.answers["goals"] == ["Changed my mind"] and draft.step == 4
    assert len(mail.outbox) == 2


def test_opening_the_link_sends_nothing_until_the_patient_asks_for_a_code(client, catalogue):
    """Mail scanners open links: a GET must not spend one of the draft's codes or fill the inbox."""
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.cookies.clear()
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200 and len(mail.outbox) == 1
    assert 'We email a 6-digit code to <strong class="text-nowrap">a…@example.com</strong>' in html
    assert 'name="send_code"' in html and 'name="code"' not in html
    assert "Lovelace" not in html
    assert NO_STORE in response["Cache-Control"]


def test_asking_for_a_code_emails_it_and_asks_for_it(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.cookies.clear()
    client.get(link)
    response = client.post(link, {"send_code": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enter the 6-digit code we just emailed to <strong class="text-nowrap">a…@example.com</strong>' in html
    assert "Lovelace" not in html
    assert NO_STORE in response["Cache-Control"]
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["ada@example.com"] and code_in(mail.outbox[1])


def test_the_right_code_opens_the_form_with_the_saved_answers(client, catalogue):
    draft = opened(client, catalogue)
    response = client.get("/consultation/continue/")
    html = response.content.decode()
    assert NO_STORE in response["Cache-Control"]
    assert "Welcome back" in html and f'data-start-step="{draft.step}"' in html
    assert 'value="Ada Lovelace"' in html and 'value="ada@example.com"' in html
    assert "Look less tired</textarea>" in html
    assert re.search(r'<input[^>]*name="area-glabella"[^>]*value="lines-when-moving"[^>]*checked', html)
    token = re.search(r'name="submission_token" value="([^"]+)"', html)[1]
    assert token != HALFWAY["submission_token"]
    assert 'id="error-summary"' not in html


def test_sending_the_resumed_form_saves_the_consultation_and_deletes_the_draft(client, catalogue):
    opened(client, catalogue)
    response = client.post("/consultation/", intake_data())
    consultation = Consultation.objects.get()
    assert response["Location"] == consultation.get_absolute_url()
    assert not IntakeDraft.objects.exists()
    assert client.get("/consultation/continue/")["Location"] == "/consultation/"


def test_sending_the_form_from_the_browser_that_saved_it_deletes_the_draft(client, catalogue):
    save_halfway(client)
    client.post("/consultation/", intake_data())
    assert Consultation.objects.count() == 1 and not IntakeDraft.objects.exists()


def test_saving_again_after_opening_replaces_the_same_draft(client, catalogue):
    draft = opened(client, catalogue)
    save_halfway(client, goals="A bit more")
    assert list(IntakeDraft.objects.values_list("pk", flat=True)) == [draft.pk]
    assert IntakeDraft.objects.get().answers["goals"] == ["A bit more"]


def test_a_wrong_code_says_how_many_tries_are_left(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    wrong = f"{(int(code_in(mail.outbox[-1])) + 1) % 1_000_000:06d}"
    response = client.post(link, {"code": wrong})
    assert "That code is not right. You can try 4 more times." in response.content.decode()
    assert NO_STORE in response["Cache-Control"]
    assert client.get("/consultation/continue/")["Location"] == "/consultation/"


def test_five_wrong_codes_void_the_code(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    code = code_in(mail.outbox[-1])
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = client.post(link, {"code": wrong})
    assert "it no longer works after too many tries" in response.content.decode()
    response = client.post(link, {"code": code})
    assert response.status_code == 200 and "That code no longer works" in response.content.decode()
    assert client.get("/consultation/continue/")["Location"] == "/consultation/"


def test_a_new_code_can_be_asked_for(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    IntakeDraft.objects.update(code_sent_at=IntakeDraft.objects.get().code_sent_at.replace(year=2000))
    client.post(link, {"send_code": "1"})
    assert len(mail.outbox) == 3
    response = client.post(link, {"code": code_in(mail.outbox[-1])})
    assert response["Location"] == "/consultation/continue/"


def test_asking_again_within_a_minute_sends_no_new_code(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    response = client.post(link, {"send_code": "1"})
    assert "We sent a code less than a minute ago" in response.content.decode()
    assert len(mail.outbox) == 2


def test_code_tries_are_limited_per_client_address(client, catalogue, monkeypatch):
    monkeypatch.setattr("consultations.rate_limit.DRAFT_CODE_CHECKS_PER_HOUR", 1)
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    client.post(link, {"code": "000000"})
    response = client.post(link, {"code": code_in(mail.outbox[-1])})
    assert response.status_code == 429 and "Too many tries" in response.content.decode()


def test_a_malformed_code_is_refused_without_costing_a_try(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    client.post(link, {"send_code": "1"})
    response = client.post(link, {"code": "12ab"})
    assert "Enter the 6 digits from the email" in response.content.decode()
    assert IntakeDraft.objects.get().code_attempts == 0


def test_an_unknown_and_an_expired_link_get_the_same_plain_page(client, catalogue):
    save_halfway(client)
    link = link_path(mail.outbox[0])
    expire_draft(IntakeDraft.objects.get())
    expired = client.get(link)
    unknown = client.get("/consultation/resume/not-a-token/")
    assert client.post(link, {"send_code": "1"}).status_code == 404
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert "This link does not work" in expired.content.decode() and "Start the form again" in expired.content.decode()
    assert len(mail.outbox) == 1  # no code for an expired draft


def test_an_expired_draft_no_longer_opens_in_the_browser_that_opened_it(client, catalogue):
    draft = opened(client, catalogue)
    expire_draft(draft)
    assert client.get("/consultation/continue/")["Location"] == "/consultation/"


def test_the_staff_form_offers_no_save_for_later(client, catalogue):
    from tests.consultations.people import make_staff, sign_in

    assert 'name="save_draft"' in client.get("/consultation/").content.decode()
    sign_in(client, make_staff())
    assert 'name="save_draft"' not in client.get("/staff/consultations/new/").content.decode()
