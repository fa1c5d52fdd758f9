"""The clinic's name and how to reach it come from settings and show wherever a patient is told to call us."""

import pytest
from django.core import mail

from tests.consultations.factories import intake_data, make_consultation
from tests.consultations.people import make_clinic_admin, sign_in

pytestmark = pytest.mark.django_db

RIVERSIDE = {
    "CLINIC_NAME": "Riverside Skin Clinic",
    "CLINIC_ADDRESS": "4 Quay Road, Bristol BS1 4QA",
    "CLINIC_PHONE": "0117 496 0123",
    "CLINIC_OPENING_HOURS": "Tuesday to Saturday 10am to 7pm",
}


@pytest.fixture
def riverside(settings):
    for name, value in RIVERSIDE.items():
        setattr(settings, name, value)


def assert_reachable(html: str) -> None:
    assert 'href="tel:01174960123">0117 496 0123</a>' in html
    assert "Tuesday to Saturday 10am to 7pm" in html


@pytest.mark.parametrize("path", ["/", "/treatments/", "/consultation/"])
def test_every_page_footer_names_the_clinic_with_its_address_phone_and_hours(client, catalogue, riverside, path):
    html = client.get(path).content.decode()
    footer = html.split("data-clinic-contact")[1].split("</address>")[0]
    assert "Riverside Skin Clinic" in footer and "4 Quay Road, Bristol BS1 4QA" in footer
    assert_reachable(footer)
    assert ">Riverside Skin Clinic</a>" in html  # the brand in the menu


def test_the_intake_limit_message_gives_the_phone_number(client, catalogue, riverside, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 0
    response = client.post("/consultation/", intake_data())
    assert response.status_code == 429
    assert "call us on 0117 496 0123 (Tuesday to Saturday 10am to 7pm)" in response.content.decode()


def test_a_locked_result_page_gives_the_phone_number(client, riverside):
    response = client.get("/consultation/ABCD-EFGH-JKMN/")
    assert response.status_code == 403
    assert_reachable(response.content.decode().split("<footer")[0])


def test_the_too_many_attempts_page_gives_the_phone_number(client, riverside, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "1/900s/ip", "login": "1/900s/ip"}
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": "nobody", "password": "wrong-password"})
    assert response.status_code == 429
    assert_reachable(response.content.decode().split("<footer")[0])


def test_the_patients_email_is_signed_with_the_clinics_details(
    catalogue, riverside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_consultation(email="ada@example.com")
    (to_patient,) = [m for m in mail.outbox if m.to == ["ada@example.com"]]
    assert to_patient.body.rstrip().endswith(
        "Riverside Skin Clinic\n4 Quay Road, Bristol BS1 4QA\n0117 496 0123 (Tuesday to Saturday 10am to 7pm)"
    )


def test_the_admin_carries_the_clinics_name(client, riverside):
    sign_in(client, make_clinic_admin())
    html = client.get("/admin/").content.decode()
    assert "Riverside Skin Clinic: content and records" in html and "Django administration" not in html


def test_the_saved_form_emails_are_signed_with_the_clinics_details(riverside):
    from consultations.drafts import intake_draft_code_send, intake_draft_save

    draft = intake_draft_save(email="ada@example.com", answers={"full_name": "Ada"}, step=1)
    intake_draft_code_send(draft=draft)
    link, code = mail.outbox
    for message in (link, code):
        assert message.body.rstrip().endswith("0117 496 0123 (Tuesday to Saturday 10am to 7pm)")


def test_a_patient_replying_to_an_email_reaches_the_clinic(
    catalogue, riverside, settings, django_capture_on_commit_callbacks
):
    from consultations.drafts import intake_draft_save

    settings.CLINIC_EMAIL = "hello@riverside.example"
    with django_capture_on_commit_callbacks(execute=True):
        make_consultation(email="ada@example.com")
    intake_draft_save(email="grace@example.com", answers={}, step=1)
    to_patients = [m for m in mail.outbox if m.to in (["ada@example.com"], ["grace@example.com"])]
    assert len(to_patients) == 2
    assert all(m.reply_to == ["hello@riverside.example"] for m in to_patients)
