"""A patient's own data: claim, see, download, delete; never anyone else's."""

import json

import pytest

from audit.models import AuditEvent
from consultations.models import Consultation, ReportedConcern, ScreeningAnswer
from consultations.patient_data import claim_token
from consultations.review import consultation_note_add, consultation_status_change
from tests.consultations.factories import make_consultation
from tests.consultations.people import make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def patients(catalogue):
    a, b = make_user("patient_a"), make_user("patient_b")
    mine = make_consultation(full_name="Ada Lovelace", email="ada@example.com")
    theirs = make_consultation(full_name="Grace Hopper", email="grace@example.com")
    Consultation.objects.filter(pk=mine.pk).update(patient=a)
    Consultation.objects.filter(pk=theirs.pk).update(patient=b)
    return a, b, mine, theirs


def test_me_lists_only_my_consultations(client, patients):
    a, _, mine, theirs = patients
    sign_in(client, a)
    html = client.get("/me/").content.decode()
    assert mine.reference in html and theirs.reference not in html


def test_my_list_says_what_each_consultation_was_about(client, patients):
    a, _, _, _ = patients
    sign_in(client, a)
    html = client.get("/me/").content.decode()
    about = html.split("data-about>")[1].split("</div>")[0]
    assert about == "To discuss: Botox (between the brows); dermal fillers (cheeks)"


def test_another_patients_consultation_is_not_found(client, patients):
    a, _, _, theirs = patients
    sign_in(client, a)
    assert client.get(f"/me/consultations/{theirs.reference}/").status_code == 404


def test_my_consultation_shows_answers_suggestion_and_status(client, patients):
    a, _, mine, _ = patients
    sign_in(client, a)
    html = client.get(f"/me/consultations/{mine.reference}/").content.decode()
    assert 'data-treatment="botox"' in html and "Warfarin" in html and 'data-status="new"' in html


def test_the_download_holds_all_my_data_and_nothing_of_anyone_elses(client, patients):
    a, _, mine, _ = patients
    sign_in(client, a)
    response = client.get("/me/export.json")
    data = json.loads(response.content)
    assert "attachment" in response["Content-Disposition"]
    assert [c["reference"] for c in data["consultations"]] == [mine.reference]
    exported = data["consultations"][0]
    assert exported["full_name"] == "Ada Lovelace" and exported["email"] == "ada@example.com"
    assert {(c["area"], c["concern"]) for c in exported["concerns"]} == {
        ("glabella", "lines-when-moving"),
        ("cheeks", "volume-loss"),
    }
    assert any(s["answer"] and s["detail"] == "Warfarin" for s in exported["screening"])
    assert exported["suggestion_shown"] == mine.suggestion
    assert exported["consent"]["version"]
    body = response.content.decode()
    assert "Grace" not in body and "grace@example.com" not in body
    assert AuditEvent.objects.filter(action="exported", consultation_reference=mine.reference).exists()


def test_deletion_removes_what_no_one_acted_on_history_copies_included_and_is_audited(client, patients):
    a, b, mine, theirs = patients
    mine.full_name = "Ada King"  # a second history copy
    mine.save(update_fields=["full_name"])
    assert Consultation.history.filter(id=mine.pk).count() == 2
    sign_in(client, a)

    refused = client.post("/me/delete/", {})
    assert refused.status_code == 400 and Consultation.objects.filter(pk=mine.pk).exists()

    response = client.post("/me/delete/", {"confirm": "delete"})
    assert response.status_code == 302
    assert not Consultation.objects.filter(pk=mine.pk).exists()
    assert not Consultation.history.filter(id=mine.pk).exists()
    assert not ReportedConcern.objects.filter(consultation_id=mine.pk).exists()
    assert not ScreeningAnswer.objects.filter(consultation_id=mine.pk).exists()
    assert not type(a).objects.filter(pk=a.pk).exists()
    assert Consultation.objects.filter(pk=theirs.pk).exists() and Consultation.history.filter(id=theirs.pk).exists()
    event = AuditEvent.objects.get(action="deleted")
    assert event.consultation_reference == mine.reference
    assert client.get("/me/").status_code == 302  # logged out


def test_the_consent_and_my_page_say_what_deleting_keeps_before_anyone_asks(client, patients):
    a, _, _, _ = patients
    consent = client.get("/consultation/").content.decode()
    assert "once the clinic has worked on my consultation, it is part of my health record" in consent
    assert "or for it to be deleted, at any time" not in consent  # the promise the deletion page then took back
    sign_in(client, a)
    me = client.get("/me/").content.decode()
    assert "those the team has worked on stay with the clinic as part of your health record" in me
    assert "all your consultations" not in me


def test_deletion_keeps_a_consultation_the_clinic_worked_on_and_says_so_first(client, patients):
    a, b, mine, theirs = patients
    worked_on = make_consultation(full_name="Ada Lovelace", email="ada@example.com")
    Consultation.objects.filter(pk=worked_on.pk).update(patient=a)
    staff = make_staff()
    consultation_note_add(consultation=worked_on, author=staff, text="Called Ada")
    consultation_status_change(consultation_id=worked_on.pk, user=staff, to_status="contacted", seen_version=1)
    sign_in(client, a)

    page = client.get("/me/delete/").content.decode()
    kept_part = page[page.index("Kept as part of your health record") :]
    assert worked_on.reference in kept_part and mine.reference not in kept_part
    assert "Article 17(3)" in page

    assert client.post("/me/delete/", {"confirm": "delete"}).status_code == 302
    kept = Consultation.objects.get(pk=worked_on.pk)
    assert kept.patient is None and kept.notes.get().text == "Called Ada" and kept.status == "contacted"
    assert not Consultation.objects.filter(pk=mine.pk).exists()
    assert not type(a).objects.filter(pk=a.pk).exists()
    assert AuditEvent.objects.filter(consultation_reference=worked_on.reference, action="changed").exists()


def test_claiming_asks_first_then_a_post_puts_the_consultation_in_my_account(client, catalogue):
    patient = make_user("newcomer")  # newcomer@example.com
    consultation = make_consultation(email="Newcomer@Example.com")
    sign_in(client, patient)
    url = f"/me/claim/{claim_token(consultation)}/"
    asked = client.get(url)
    assert asked.status_code == 200 and "Add it to my account" in asked.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).patient is None  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).patient == patient
    assert AuditEvent.objects.filter(action="claimed", consultation_reference=consultation.reference).exists()


def test_a_claim_link_opened_signed_out_leads_to_a_sign_in_page_that_says_what_it_is_for(client, catalogue):
    consultation = make_consultation()
    url = f"/me/claim/{claim_token(consultation)}/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    html = client.get(response["Location"]).content.decode()
    notice = html.split("data-claim-notice>")[1].split("</div>")[0]
    assert "To add your consultation to your account, sign in below." in notice
    assert 'href="/accounts/signup/?next=' in notice and "%2Fme%2Fclaim%2F" in notice
    assert "data-claim-notice" not in client.get("/accounts/login/").content.decode()  # only on the way to a claim


def test_an_account_with_another_email_cannot_claim_even_with_the_link(client, catalogue):
    stranger = make_user("stranger")
    consultation = make_consultation(email="ada@example.com")
    sign_in(client, stranger)
    url = f"/me/claim/{claim_token(consultation)}/"
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Consultation.objects.get(pk=consultation.pk).patient is None


def test_an_account_whose_address_is_not_verified_cannot_claim(client, catalogue):
    """Anyone can sign up with any address; only confirming it shows the address is theirs."""
    from allauth.account.models import EmailAddress

    squatter = make_user("squatter", email="ada@example.com")
    EmailAddress.objects.filter(user=squatter).update(verified=False)
    consultation = make_consultation(email="ada@example.com")
    sign_in(client, squatter)
    url = f"/me/claim/{claim_token(consultation)}/"
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Consultation.objects.get(pk=consultation.pk).patient is None


def test_a_consultation_claimed_by_someone_else_cannot_be_claimed(client, patients):
    _, b, mine, _ = patients
    sign_in(client, b)
    assert client.post(f"/me/claim/{claim_token(mine)}/").status_code == 403
    assert Consultation.objects.get(pk=mine.pk).patient.username == "patient_a"


def test_a_claim_link_expires_after_a_week(client, catalogue):
    from unittest import mock

    from consultations import patient_data

    patient = make_user("newcomer")
    consultation = make_consultation(email="newcomer@example.com")
    token = claim_token(consultation)
    sign_in(client, patient)
    with mock.patch.object(patient_data, "CLAIM_MAX_AGE_SECONDS", -1):
        assert client.post(f"/me/claim/{token}/").status_code == 404
    assert patient_data.CLAIM_MAX_AGE_SECONDS <= 7 * 24 * 60 * 60


def test_a_forged_claim_token_is_not_found(client, patients):
    a, _, mine, _ = patients
    sign_in(client, a)
    assert client.get(f"/me/claim/{mine.reference}:forged/").status_code == 404


def test_a_logged_in_patients_new_consultation_is_theirs(client, catalogue):
    from tests.consultations.factories import intake_data

    patient = make_user("returning")
    sign_in(client, patient)
    client.post("/consultation/", intake_data())
    assert Consultation.objects.get().patient == patient


def test_staff_filling_the_form_for_someone_do_not_own_it(client, catalogue):
    from tests.consultations.factories import intake_data

    sign_in(client, make_staff())
    client.post("/consultation/", intake_data())
    assert Consultation.objects.get().patient is None
