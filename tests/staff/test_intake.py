"""Staff take a consultation with the patient at the desk or on the phone."""

import re

import pytest
from django.test import Client

from audit.models import AuditEvent
from consultations.models import Consultation
from tests.consultations.factories import intake_data, make_consultation
from tests.consultations.people import make_staff, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, catalogue):
    sign_in(client, make_staff("desk"))
    return client


def taken(**overrides):
    data = {**intake_data(**overrides), "channel": "phone"}
    data.pop("website")
    return data


def test_the_form_speaks_to_staff_about_the_patient(desk):
    html = desk.get("/staff/consultations/new/").content.decode()
    assert "What bothers the patient?" in html and "How are you taking it?" in html
    assert "I, desk, have read the consent text to the patient" in html
    assert "What bothers you" not in html
    assert "How should we contact the patient?" in html and "Cheeks: how much does it bother the patient?" in html
    assert "How should we contact you?" not in html and "how much does it bother you?" not in html
    assert "Tick what applies in each area that bothers the patient." in html
    assert "Tick any treatment the patient has had before, even elsewhere." in html
    assert "The patient has had this treatment before: Botox" in html
    assert "keep the patient safe" in html and "keep you safe" not in html and "you have had" not in html
    assert "Needed if the patient would like a phone call or a text message." in html
    assert "Needed if you would like" not in html
    assert "Lines when moving (dynamic lines)" in html and "Lines that show when I move" not in html
    channels = re.findall(r'name="channel" value="\w+".*?<label[^>]*>\s*([^<]*?)\s*</label>', html, re.S)
    assert channels == ["On the phone", "At the desk"]  # choices of their own, not words inside a sentence


def test_a_consultation_taken_on_the_phone_is_saved_with_who_and_how_and_lands_on_the_staff_record(
    desk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the emails go once the save commits
        response = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace"))
    consultation = Consultation.objects.get(full_name="Ada Lovelace")
    assert response.status_code == 302 and response["Location"] == f"/staff/consultations/{consultation.reference}/"
    assert (consultation.entered_by.username, consultation.channel) == ("desk", "phone")
    assert consultation.suggestion["suggestions"]  # the same engine as the patient's form
    event = AuditEvent.objects.get(consultation_reference=consultation.reference, action="submitted")
    assert event.actor_username == "desk" and event.detail == "Entered by desk (on the phone)"
    html = desk.get(response["Location"]).content.decode()
    assert "Entered by desk (on the phone)" in html
    # The patient on the phone saw nothing: staff read them what the form suggests.
    assert "Saved. This is what the form suggests: tell the patient what to discuss." in html
    assert "What the form suggested" in html and "patient was shown" not in html
    (to_patient,) = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert "We took your consultation answers on the phone" in to_patient.body
    assert "desk" not in to_patient.body  # a login name means nothing to the patient
    assert "filling in our consultation form" not in to_patient.body


def test_the_same_answers_saved_again_lead_to_the_record_already_saved(desk):
    first = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace"))
    again = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace"), follow=True)
    assert Consultation.objects.count() == 1
    assert again.redirect_chain == [(first["Location"], 302)]
    assert "These answers were already saved, so they were not saved again." in again.content.decode()


def test_staff_are_not_held_to_the_per_address_limit_on_patients_forms(desk, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    for name in ("Ada Lovelace", "Grace Hopper", "Mary Somerville"):
        assert desk.post("/staff/consultations/new/", taken(full_name=name)).status_code == 302
    assert Consultation.objects.count() == 3


def test_each_staff_account_has_its_own_hourly_limit(desk, client, settings):
    settings.STAFF_INTAKE_SUBMISSIONS_PER_HOUR = 2
    for name in ("Ada Lovelace", "Grace Hopper"):
        assert desk.post("/staff/consultations/new/", taken(full_name=name)).status_code == 302
    refused = desk.post("/staff/consultations/new/", taken(full_name="Mary Somerville"))
    html = refused.content.decode()
    assert refused.status_code == 429 and "entered a lot of consultations in the last hour" in html
    assert 'value="Mary Somerville"' in html  # nothing typed is lost
    assert Consultation.objects.count() == 2

    # Another member of staff at the same desk (the same address) is not held back by the first one's count.
    colleague = Client()
    sign_in(colleague, make_staff("nurse"))
    assert colleague.post("/staff/consultations/new/", taken(full_name="Mary Somerville")).status_code == 302


def test_a_refused_form_keeps_every_answer(desk):
    response = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace", consent=""))
    html = response.content.decode()
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert 'value="Ada Lovelace"' in html and "Tick this once the patient has agreed to the text." in html


def test_a_returning_patient_is_recognised_for_staff_only(desk, client):
    first = make_consultation(full_name="Ada Lovelace", email="ada@example.com")
    desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace", email="ADA@example.com"))
    second = Consultation.objects.exclude(pk=first.pk).get()
    html = desk.get(f"/staff/consultations/{second.reference}/").content.decode()
    returning = html.split("data-returning")[1].split("</section>")[0]
    assert f'href="/staff/consultations/{first.reference}/"' in returning
    assert "data-returning" not in desk.get("/staff/consultations/new/").content.decode()


def test_a_patient_with_no_email_address_is_taken_on_the_phone_and_contacted_by_phone(
    desk, mailoutbox, django_capture_on_commit_callbacks
):
    earlier = taken(full_name="Grace Hopper", email="", contact_method="phone", phone="07700 900456")
    assert desk.post("/staff/consultations/new/", earlier).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            "/staff/consultations/new/",
            taken(full_name="Ada Lovelace", email="", contact_method="phone", phone="07700 900123"),
        )
    consultation = Consultation.objects.get(full_name="Ada Lovelace")
    assert response.status_code == 302 and consultation.email == "" and consultation.contact_method == "phone"
    assert all(message.to and "" not in message.to for message in mailoutbox)  # no mail to no address
    html = desk.get(response["Location"]).content.decode()
    assert "None given" in html
    assert '<a href="tel:07700900123">07700 900123</a>' in html  # staff call back from the record
    assert "What the form suggested" in html and "What the patient was shown" not in html
    assert "data-returning" not in html  # two patients without an address are not one returning patient


def test_no_email_address_with_email_as_the_way_to_contact_is_refused_and_keeps_the_answers(desk):
    response = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace", email="", contact_method="email"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the patient&#x27;s email address, or choose phone or text as the way to contact them." in html
    assert 'value="Ada Lovelace"' in html
    assert not Consultation.objects.exists()


def test_the_patients_own_form_still_asks_for_an_email_address(client, catalogue):
    response = client.post("/consultation/", intake_data(email="", contact_method="phone", phone="07700 900123"))
    assert response.status_code == 200 and not Consultation.objects.exists()


def test_the_forms_messages_speak_to_staff_about_the_patient(desk):
    html = desk.post(
        "/staff/consultations/new/", taken(**{"area-glabella": None, "area-cheeks": None})
    ).content.decode()
    assert "what bothers the patient there, under “What bothers the patient?”" in html
    assert "What bothers you" not in html

    html = desk.post("/staff/consultations/new/", taken(full_name=" ", date_of_birth="1890-01-01")).content.decode()
    assert "Enter the patient&#x27;s name." in html and "Check the year of the patient&#x27;s date of birth." in html
    assert "Please check the answers" in html and "tell us your name" not in html and "your answers" not in html
    html = desk.post("/staff/consultations/new/", taken(date_of_birth="2099-01-01")).content.decode()
    assert "The date of birth cannot be in the future." in html and "Your date" not in html
    html = desk.post("/staff/consultations/new/", taken(contact_method="text", phone="")).content.decode()
    assert "Give the patient&#x27;s phone number, or choose email as the way to contact them." in html

    html = desk.post("/staff/consultations/new/", taken(date_of_birth="2015-01-01")).content.decode()
    assert "The patient needs to be 18 or over for a consultation with us" in html
    assert "The patient must be 18 or over. Nothing has been saved." in html
    assert "You need to be 18" not in html and "you need to be 18" not in html
    assert not Consultation.objects.exists()


def test_the_record_of_a_phone_consultation_gives_staff_what_to_tell_the_patient_to_expect(desk):
    response = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace"))
    html = desk.get(response["Location"]).content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</details>")[0]
    assert "What to expect, as on the patient's result page: timing and side effects" in botox
    assert '<details class="small" open>' in botox  # they saw no result page: it is read out to them
    assert "Usually 4 to 6 months" in botox and "Drooping eyelid or eyebrow" in botox
    assert "Spread of the effect beyond the treated area</strong>: Very rarely" in botox

    patients_own = make_consultation(full_name="Grace Hopper")  # the patient read the result page themselves
    html = desk.get(f"/staff/consultations/{patients_own.reference}/").content.decode()
    assert '<details class="small">' in html and '<details class="small" open>' not in html


def test_the_record_gives_staff_what_the_patient_was_told_about_their_screening_answers(desk):
    response = desk.post("/staff/consultations/new/", taken(full_name="Ada Lovelace"))  # takes blood thinners
    html = desk.get(response["Location"]).content.decode()
    shown = html.split('id="suggested-title"')[1].split("</section>")[0]
    told = shown.split("data-patient-flags")[1].split("</div>")[0]
    assert "What the result says about their answers" in told
    assert "Do you take blood-thinning medicine" in told and "You answered yes." in told
    assert "keep taking your medicines unless your own doctor says otherwise" in told

    without = make_consultation(full_name="Grace Hopper", **{"screening-blood-thinners": "no"})
    html = desk.get(f"/staff/consultations/{without.reference}/").content.decode()
    assert "data-patient-flags" not in html


def test_the_print_view_says_how_to_contact_the_patient_and_how_the_consultation_was_taken(desk):
    data = taken(full_name="Ada Lovelace", contact_method="phone", phone="07700 900123")
    response = desk.post("/staff/consultations/new/", data)
    reference = Consultation.objects.get(full_name="Ada Lovelace").reference
    assert response.status_code == 302
    html = desk.get(f"/staff/consultations/{reference}/print/").content.decode()
    assert "Prefers to be contacted by phone call · Entered by desk (on the phone)" in html
    assert "<strong>Botox</strong><ul><li>Between the brows: you told us" in html  # the area once, in its reason
