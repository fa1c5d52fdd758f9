"""A clinic tablet: staff hand it over, the patient fills in and consents themselves, and it locks again."""

import pytest

from audit.models import AuditEvent
from consultations.models import Consultation
from tests.consultations.factories import intake_data
from tests.consultations.people import make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db

LOCKED = "/consultation/tablet/locked/"


@pytest.fixture
def tablet(client, catalogue):
    """A tablet a staff member named desk has just handed to a patient."""
    sign_in(client, make_staff("desk"))
    response = client.post("/staff/tablet/")
    assert response.status_code == 302 and response["Location"] == "/consultation/tablet/"
    return client


def send(tablet, **overrides):
    return tablet.post("/consultation/tablet/", intake_data(**overrides))


def test_handing_over_signs_staff_out_and_shows_the_patient_their_own_form(tablet):
    html = tablet.get("/consultation/tablet/").content.decode()
    assert "Your consultation form" in html and "What bothers you" in html
    assert (
        "What bothers the patient" not in html and "have read the consent text to the patient" not in html
    )  # the patient consents themselves
    assert 'name="full_name"' in html and 'autocomplete="name"' not in html  # no autofill of the last patient
    assert 'href="/staff/' not in html and "Sign out" not in html and 'href="/"' not in html
    assert tablet.get("/staff/")["Location"] == LOCKED
    assert tablet.get("/staff/")["Location"].startswith("/accounts/login/")  # no staff session was left


def test_what_the_patient_sends_is_saved_as_theirs_with_who_handed_the_tablet_over(
    tablet, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(tablet, full_name="Ada Lovelace")
    assert response.status_code == 302 and response["Location"] == "/consultation/tablet/sent/"
    consultation = Consultation.objects.get()
    assert (consultation.entered_by.username, consultation.channel) == ("desk", "tablet")
    said = "Filled in by the patient on a clinic tablet handed over by desk"
    assert consultation.entered_by_text == said
    assert AuditEvent.objects.get(action=AuditEvent.Action.SUBMITTED).detail == said
    (to_patient,) = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert "Thank you for filling in our consultation form" in to_patient.body

    page = tablet.get("/consultation/tablet/sent/").content.decode()
    assert consultation.reference in page and 'data-treatment="botox"' in page
    read = AuditEvent.objects.get(action=AuditEvent.Action.VIEWED)
    assert (read.consultation_reference, read.detail) == (consultation.reference, "result on a clinic tablet")
    assert "I have finished: lock the tablet" in page


def test_the_result_on_the_tablet_links_nowhere_that_would_lock_it_and_still_gives_every_risk(tablet):
    send(tablet)
    page = tablet.get("/consultation/tablet/sent/").content.decode()
    assert 'data-treatment="botox"' in page
    assert 'href="/treatments/' not in page and "More about" not in page
    assert "Spread of the effect beyond the treated area" in page  # the risks the link led to are on the page


def test_the_tablet_shows_nothing_of_the_last_patient_once_locked(tablet):
    send(tablet)
    reference = Consultation.objects.get().reference
    # The result's own address was never opened to this device: the next person cannot go back to it.
    assert tablet.get(f"/consultation/{reference}/")["Location"] == LOCKED
    assert tablet.get(f"/consultation/{reference}/").status_code == 403
    assert tablet.post("/consultation/tablet/lock/")["Location"] == LOCKED
    for path in ("/consultation/tablet/sent/", "/consultation/tablet/"):
        assert tablet.get(path)["Location"] == LOCKED
    html = tablet.get(LOCKED).content.decode()
    assert "This tablet is locked" in html and reference not in html and "Ada" not in html


def test_the_result_locks_itself_after_its_time(tablet, settings):
    send(tablet)
    settings.TABLET_RESULT_SECONDS = -1
    assert tablet.get("/consultation/tablet/sent/")["Location"] == LOCKED
    settings.TABLET_RESULT_SECONDS = 300
    assert tablet.get("/consultation/tablet/sent/")["Location"] == LOCKED  # the session was emptied


def test_leaving_the_tablets_pages_locks_it(tablet):
    assert tablet.get("/")["Location"] == LOCKED  # a link, a typed address or history: the rest of the site
    assert tablet.get("/consultation/tablet/")["Location"] == LOCKED
    assert tablet.get("/treatments/").status_code == 200  # the session is empty now: an ordinary visitor


def test_leaving_after_sending_locks_too(tablet):
    send(tablet)
    assert tablet.get("/accounts/login/")["Location"] == LOCKED
    assert tablet.get("/consultation/tablet/sent/")["Location"] == LOCKED


def test_the_hand_over_counts_idle_time_not_time_since_it_began(tablet, settings, monkeypatch):
    import time

    settings.TABLET_HANDOVER_SECONDS = 600
    start = time.time()
    for minutes in (8, 16, 24):  # a slow patient, but never idle for ten minutes
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert tablet.get("/consultation/tablet/").status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 35 * 60)
    assert tablet.get("/consultation/tablet/")["Location"] == LOCKED


def test_a_hand_over_ends_when_its_staff_member_is_no_longer_staff(tablet):
    from django.contrib.auth import get_user_model

    get_user_model().objects.get(username="desk").groups.clear()
    assert send(tablet)["Location"] == LOCKED
    assert not Consultation.objects.exists()


def test_a_hand_over_left_too_long_locks(tablet, settings):
    settings.TABLET_HANDOVER_SECONDS = -1
    assert tablet.get("/consultation/tablet/")["Location"] == LOCKED
    assert send(tablet)["Location"] == LOCKED
    assert not Consultation.objects.exists()


def test_stopping_half_way_keeps_nothing(tablet):
    assert tablet.post("/consultation/tablet/lock/")["Location"] == LOCKED
    assert send(tablet)["Location"] == LOCKED
    assert not Consultation.objects.exists()


def test_a_refused_form_on_the_tablet_keeps_every_answer(tablet):
    response = send(tablet, full_name="Ada Lovelace", consent="")
    html = response.content.decode()
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert 'value="Ada Lovelace"' in html


def test_the_tablet_counts_against_the_staff_members_hourly_limit(tablet, settings):
    settings.STAFF_INTAKE_SUBMISSIONS_PER_HOUR = 0
    response = send(tablet, full_name="Ada Lovelace")
    assert response.status_code == 429 and 'value="Ada Lovelace"' in response.content.decode()


def test_without_a_hand_over_the_tablet_form_does_not_open_and_a_signed_in_patient_stays_signed_in(client, catalogue):
    assert client.get("/consultation/tablet/")["Location"] == LOCKED
    patient = make_user("pat")
    sign_in(client, patient)
    assert client.get("/consultation/tablet/")["Location"] == LOCKED
    assert client.get(LOCKED).status_code == 200
    assert client.post("/consultation/tablet/lock/")["Location"] == LOCKED
    assert client.get("/me/").status_code == 200  # their own session is left alone


def test_only_staff_can_hand_a_tablet_over(client, catalogue):
    sign_in(client, make_user("pat"))
    assert client.post("/staff/tablet/").status_code == 403
    assert client.get("/consultation/tablet/")["Location"] == LOCKED


def test_handing_over_clears_the_staff_members_unsent_notes_from_the_browser(client, catalogue):
    sign_in(client, make_staff("desk"))
    queue = client.get("/staff/").content.decode()
    hand_over = queue.split('action="/staff/tablet/"')[1].split(">")[0]
    assert "data-signs-out" in hand_over  # staff-drafts.js empties the tab's drafts on such a form's submit


def test_the_tablet_form_offers_no_save_for_later(tablet):
    html = tablet.get("/consultation/tablet/").content.decode()
    assert 'name="save_draft"' not in html and "data-steps" in html
