"""The intake page: shown, kept on error, saved once, limited per client, and never half-saved."""

import re
import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.mail import EmailMessage
from django.db import DatabaseError
from django.test import Client

from clinic.release import release
from consultations.models import Consultation, EarlierTreatment, ReportedConcern, ScreeningAnswer
from tests.consultations.factories import PRECAUTION_SLUGS, intake_data, make_consultation
from tests.consultations.people import make_user
from tests.served_form import as_browser_sends
from treatments.catalogue import catalogue_token, version_copy_key

pytestmark = pytest.mark.django_db


def is_checked(html: str, name: str, value: str) -> bool:
    inputs = re.findall(r"<input[^>]*>", html)
    return any(f'name="{name}"' in tag and f'value="{value}"' in tag and " checked" in tag for tag in inputs)


def post(client, **overrides):
    return client.post("/consultation/", intake_data(**overrides))


def test_intake_page_shows_every_section(client, catalogue):
    response = client.get("/consultation/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ["About you", "What bothers you", "Earlier treatments", "Medical screening", "Consent"]:
        assert f"<legend>{heading}</legend>" in html or heading in html
    assert 'name="area-glabella"' in html
    assert 'name="screening-blood-thinners"' in html
    assert 'name="submission_token"' in html
    assert response["Cache-Control"].startswith("max-age=0")


@contextmanager
def database_down():
    """Neither the form nor the check of a stored page can read the catalogue's version from the database."""
    failing = DatabaseError("no connection")
    with (
        mock.patch("consultations.views.catalogue_version", side_effect=failing),
        mock.patch("treatments.catalogue.catalogue_token", side_effect=failing),
    ):
        yield


def forget_the_stored_page():
    """What the public cache holds of the intake page and the catalogue's version expires."""
    cache, page_key = caches["public"], f"page:{release()}:{settings.LANGUAGE_CODE}:intake"
    assert cache.get(page_key) is not None
    cache.delete_many([version_copy_key(), page_key])


def test_with_the_database_down_a_stored_blank_form_is_still_served(client, catalogue):
    first = client.get("/consultation/")
    with database_down():
        response = client.get("/consultation/")
    assert response.status_code == 200
    assert 'name="area-glabella"' in response.content.decode()
    assert response.content.count(b"placeholder-4f1d9c") == first.content.count(b"placeholder-4f1d9c") == 0


def test_with_the_database_down_the_blank_form_shows_from_the_rules_last_loaded(client, catalogue):
    client.get("/consultation/")
    forget_the_stored_page()
    with database_down():
        response = client.get("/consultation/")
    assert response.status_code == 200
    assert 'name="area-glabella"' in response.content.decode()
    assert caches["public"].get(f"page:{release()}:{settings.LANGUAGE_CODE}:intake") is None


def test_with_the_database_down_a_form_from_the_rules_last_loaded_is_never_stored(client, catalogue):
    """The copy of the catalogue's version is still in the cache, the stored page is not: a page built from rules
    that may be older than the catalogue must not be stored under its current version."""
    client.get("/consultation/")
    page_key = f"page:{release()}:{settings.LANGUAGE_CODE}:intake"
    caches["public"].delete(page_key)
    caches["public"].set(version_copy_key(), catalogue_token(), 60)  # the copy outlives the stored page
    with database_down():
        response = client.get("/consultation/")
    assert response.status_code == 200
    assert 'name="area-glabella"' in response.content.decode()
    assert caches["public"].get(page_key) is None


def test_with_the_database_down_and_no_rules_ever_loaded_the_form_is_a_503(client, catalogue):
    with database_down():
        assert client.get("/consultation/").status_code == 503


def test_with_the_database_down_and_the_cache_a_table_in_it_the_form_is_a_503(client, catalogue):
    """Without Redis the public cache is a table in the same database, so the rules last loaded are out of reach."""
    client.get("/consultation/")
    cache = caches["public"]
    with (
        database_down(),
        mock.patch.object(cache, "get", side_effect=DatabaseError("no connection")),
        mock.patch.object(cache, "get_many", side_effect=DatabaseError("no connection")),
    ):
        assert client.get("/consultation/").status_code == 503


def test_a_warm_blank_form_reads_nothing_from_the_database(client, catalogue, django_assert_num_queries):
    client.get("/consultation/")
    with django_assert_num_queries(0):
        html = client.get("/consultation/").content.decode()
    assert 'name="area-glabella"' in html


def test_intake_page_groups_areas_by_region_in_order(client, catalogue):
    html = client.get("/consultation/").content.decode()
    positions = [html.index(f">{region}</h2>") for region in ["Upper face", "Mid face", "Lower face", "Neck", "Body"]]
    assert positions == sorted(positions)


def test_each_area_says_what_it_covers_in_the_catalogues_words_and_an_edit_shows_at_once(
    client, catalogue, django_capture_on_commit_callbacks
):
    from treatments.models import Area

    def glabella_part(html: str) -> str:
        return html.split('id="area-glabella"')[1].split("</fieldset>")[0]

    assert "Frown lines between the eyebrows" in glabella_part(client.get("/consultation/").content.decode())
    glabella = Area.objects.get(slug="glabella")
    glabella.description = "Frown lines: the two upright creases <between> the eyebrows & <b>brows</b>."
    with django_capture_on_commit_callbacks(execute=True):
        glabella.save()
    shown = glabella_part(client.get("/consultation/").content.decode())
    assert "Frown lines: the two upright creases &lt;between&gt; the eyebrows &amp; &lt;b&gt;brows&lt;/b&gt;." in shown
    assert "<b>" not in shown


def test_valid_submission_saves_everything_and_redirects_to_the_result(client, catalogue):
    response = post(client)
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/consultation/{consultation.reference}/"
    assert consultation.full_name == "Ada Lovelace"
    assert consultation.consent_version
    assert consultation.consented_at is not None
    assert ReportedConcern.objects.filter(consultation=consultation).count() == 2
    assert ScreeningAnswer.objects.filter(consultation=consultation).count() == len(PRECAUTION_SLUGS)
    assert [s["treatment"] for s in consultation.suggestion["suggestions"]] == ["botox", "dermal-filler"]
    assert consultation.rules_version == consultation.suggestion["rules_version"]


def test_answers_are_kept_when_the_form_comes_back_with_errors(client, catalogue):
    response = post(client, consent=None, goals="Soften my frown", phone="07700 900123", severity_cheeks=None)
    html = response.content.decode()
    assert response.status_code == 200
    assert Consultation.objects.count() == 0
    assert 'value="Ada Lovelace"' in html
    assert 'value="ada@example.com"' in html
    assert 'value="07700 900123"' in html
    assert "Soften my frown</textarea>" in html
    assert 'value="1985-04-23"' in html
    assert is_checked(html, "area-glabella", "lines-when-moving")
    assert not is_checked(html, "area-glabella", "lines-at-rest")
    assert is_checked(html, "screening-blood-thinners", "yes")
    assert is_checked(html, "screening-pregnant", "no")
    assert 'value="Warfarin"' in html
    assert "Please tick the box to agree" in html
    assert 'id="error-summary"' in html


def test_under_18_stores_nothing(client, catalogue):
    response = post(client, date_of_birth="2020-01-01")
    assert "you need to be 18 or over" in response.content.decode()
    assert Consultation.objects.count() == 0


def test_honeypot_stores_nothing(client, catalogue):
    response = post(client, website="http://spam.example")
    assert response.status_code == 200
    assert Consultation.objects.count() == 0


def test_tampered_choice_is_rejected(client, catalogue):
    response = post(client, **{"area-glabella": ["sweating"]})
    assert "That choice is not offered for this area" in response.content.decode()
    assert Consultation.objects.count() == 0


def test_double_submit_creates_one_consultation(client, catalogue, django_capture_on_commit_callbacks):
    token = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, submission_token=token)
        second = post(client, submission_token=token)
    assert Consultation.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 2  # the patient's and staff's emails, once


def test_the_same_answers_sent_again_from_the_same_browser_lead_to_the_first_result(client, catalogue):
    """Back after sending brings the form back filled in, with a new submission token: sent again, it is the same
    consultation, and the patient is told so."""
    first = post(client)
    again = client.post("/consultation/", intake_data(), follow=True)
    assert Consultation.objects.count() == 1
    assert again.redirect_chain == [(first["Location"], 302)]
    assert "You had already sent these answers, so they were not sent again." in again.content.decode()


def test_changed_answers_or_another_browser_make_a_new_consultation(client, catalogue):
    post(client)
    post(client, goals="Look less tired, and fuller lips")
    Client().post("/consultation/", intake_data())
    assert Consultation.objects.count() == 3


def test_the_same_answers_are_new_once_the_result_is_no_longer_this_browsers(client, catalogue, settings):
    post(client)
    settings.RESULT_SESSION_SECONDS = 0
    post(client)
    assert Consultation.objects.count() == 2


def test_submissions_over_the_hourly_limit_get_a_friendly_message_and_keep_answers(client, catalogue, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 2
    assert post(client, goals="First").status_code == 302
    assert post(client, goals="Second").status_code == 302
    response = post(client, goals="Third try")
    assert response.status_code == 429
    html = response.content.decode()
    assert "We have had a lot of forms from your connection" in html
    assert "Third try</textarea>" in html
    assert Consultation.objects.count() == 2


def test_the_limit_is_per_client_address(client, catalogue, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    assert client.post("/consultation/", intake_data(goals="First"), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post("/consultation/", intake_data(goals="Second"), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post("/consultation/", intake_data(goals="Second"), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_database_error_mid_save_leaves_no_partial_consultation(
    client, catalogue, django_capture_on_commit_callbacks
):
    failing = mock.patch.object(ScreeningAnswer.objects, "bulk_create", side_effect=DatabaseError("disk full"))
    with django_capture_on_commit_callbacks(execute=True), failing:
        response = post(client)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Not saved" in html and 'value="Ada Lovelace"' in html
    assert Consultation.objects.count() == 0
    assert ReportedConcern.objects.count() == 0
    assert EarlierTreatment.objects.count() == 0
    assert len(mail.outbox) == 0


def test_emails_carry_no_health_details_and_nothing_that_opens_a_consultation(
    client, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client)
    consultation = Consultation.objects.get()
    patient, staff = mail.outbox
    assert patient.to == ["ada@example.com"]
    assert consultation.reference in patient.body
    assert consultation.reference not in patient.subject and consultation.reference not in staff.subject
    assert consultation.get_absolute_url() not in patient.body + staff.body
    assert f"/staff/consultations/{consultation.reference}/" in staff.body
    for message in (patient, staff):
        text = (message.subject + message.body).lower()
        for health_word in ["botox", "filler", "warfarin", "brows", "cheeks", "frown", "blood"]:
            assert health_word not in text


def test_a_signed_in_patient_is_told_the_consultation_is_in_their_account_not_to_add_it(
    client, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(make_user("ada"))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client)
    consultation = Consultation.objects.get()
    assert consultation.patient.username == "ada"
    patient_mail = mail.outbox[0]
    assert "It is in your account: sign in to see it again" in patient_mail.body
    assert "/me/claim/" not in patient_mail.body and "create an account" not in patient_mail.body

    html = client.get(response["Location"]).content.decode()
    keep = html.split('id="keep-title"')[1].split("</section>")[0]
    assert "This consultation is in your account" in keep and 'href="/me/"' in keep
    assert "stays open in this browser for two hours" not in keep and "create an account" not in keep


def test_a_signed_in_patient_finds_about_you_filled_in_from_last_time_and_no_one_else_does(client, catalogue):
    ada = make_user("ada", email="ada@example.org")
    earlier = make_consultation(full_name="Ada Lovelace", phone="07700 900123", date_of_birth="1985-04-23")
    Consultation.objects.filter(pk=earlier.pk).update(patient=ada)
    client.force_login(ada)
    html = client.get("/consultation/").content.decode()
    assert 'value="Ada Lovelace"' in html and 'value="ada@example.org"' in html
    assert 'value="07700 900123"' in html and 'value="1985-04-23"' in html

    # Sent as the browser would, nothing retyped: the prefilled answers and the page's own tokens.
    answers = {"area-glabella": "lines-when-moving", "consent": "on"}
    answers |= {f"screening-{slug}": "no" for slug in PRECAUTION_SLUGS}
    response = client.post("/consultation/", as_browser_sends(html, answers))
    assert response.status_code == 302
    assert Consultation.objects.order_by("-created_at").first().email == "ada@example.org"

    grace = make_user("grace", email="grace@example.org")  # no consultation yet: the account's email only
    client.force_login(grace)
    html = client.get("/consultation/").content.decode()
    assert 'value="grace@example.org"' in html and "Ada" not in html and "07700" not in html
    client.logout()
    html = Client().get("/consultation/").content.decode()
    assert "ada@example.org" not in html and "grace@example.org" not in html and "Ada Lovelace" not in html


def test_a_failing_mail_server_does_not_lose_the_consultation(client, catalogue, django_capture_on_commit_callbacks):
    failing = mock.patch.object(EmailMessage, "send", side_effect=ConnectionRefusedError)  # every email the app sends
    with django_capture_on_commit_callbacks(execute=True), failing:
        response = post(client)
    assert response.status_code == 302
    assert Consultation.objects.count() == 1


def test_an_under_18_refusal_stands_apart_from_the_answers_to_check(client, catalogue):
    html = client.post("/consultation/", intake_data(date_of_birth="2015-01-01")).content.decode()
    refusal = html.split('id="under-age"')[1].split("</div>")[0]
    assert "We can only see adults" in refusal and "Nothing you entered has been saved" in refusal
    assert 'id="error-summary"' not in html  # nothing else to correct


def test_the_error_summary_lists_the_questions_in_the_pages_order(client, catalogue):
    data = intake_data(full_name="", phone="not a phone")
    data.pop("screening-pregnant")
    data.pop("consent")
    html = client.post("/consultation/", data).content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    order = [
        summary.index(f'href="#{anchor}')
        for anchor in ("id_full_name", "id_phone", "id_screening-pregnant_0", "id_consent")
    ]
    assert order == sorted(order)


def test_a_missing_area_is_said_once_where_its_part_of_the_form_starts(client, catalogue):
    data = intake_data(full_name="", **{"area-glabella": None, "area-cheeks": None})
    data.pop("screening-pregnant")
    html = client.post("/consultation/", data).content.decode()
    message = "Please choose at least one area and what bothers you there"
    shown = re.sub(r'data-none-message="[^"]*"', "", html)  # the words the stepped form's Next keeps, unshown
    assert shown.count(message) == 1  # in the summary only, not again in a box at the top of the form
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    order = [
        summary.index(mark) for mark in ('href="#id_full_name"', 'href="#what-bothers-you"', "#id_screening-pregnant_0")
    ]
    assert order == sorted(order)


def test_a_long_question_in_the_summary_is_shortened_at_a_word(client, catalogue):
    data = intake_data()
    data.pop("screening-neuromuscular")
    html = client.post("/consultation/", data).content.decode()
    link = html.split('href="#id_screening-neuromuscular_0">')[1].split("</a>")[0]
    question = "Do you have a condition that affects your nerves or muscles, such as myasthenia"
    assert link == question + "…"  # cut after a whole word


def test_an_error_on_a_field_outside_the_layout_is_still_in_the_summary(client, catalogue):
    html = client.post("/consultation/", intake_data(submission_token="not-a-token")).content.decode()
    assert 'id="error-summary"' in html and 'href="#id_submission_token"' in html


def test_the_patients_form_speaks_to_the_patient(client, catalogue):
    html = client.get("/consultation/").content.decode()
    assert "Tick what applies in each area that bothers you." in html
    assert "Tick any treatment you have had before, even elsewhere." in html
    assert "I have had this treatment before: Botox" in html and "keep you safe" in html
    assert "the patient" not in html.split("<main")[1].split("</main>")[0]
