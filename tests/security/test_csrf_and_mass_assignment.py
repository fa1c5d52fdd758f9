"""CSRF is enforced on every form that changes something, and no POST sets a field its form does not own."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import STAFF, is_patient
from audit.models import AuditEvent
from consultations.forms import IntakeForm
from consultations.models import Consultation, Note, StatusChange
from consultations.rules import current_rules
from consultations.suggestions import suggest
from staff.detail import plan_options
from tests.consultations.factories import intake_data, make_consultation
from tests.consultations.people import make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "Another-long-passphrase-42"


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        sign_in(client, user)
    return client


def token_from(client: Client, path: str) -> str:
    """Load the page as a browser would, and read the token from the cookie it sets."""
    assert client.get(path).status_code == 200
    return client.cookies["csrftoken"].value


@pytest.fixture
def consultation(catalogue):
    return make_consultation()


@pytest.fixture
def staff(catalogue):
    return make_staff()


# CSRF --------------------------------------------------------------------------------------------


def test_intake_form_without_a_token_is_refused(catalogue):
    response = csrf_client().post("/consultation/", intake_data())
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_intake_form_with_the_token_from_the_page_is_saved(catalogue):
    client = csrf_client()
    token = token_from(client, "/consultation/")
    response = client.post("/consultation/", intake_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Consultation.objects.count() == 1


def test_intake_form_with_a_forged_token_is_refused(catalogue):
    client = csrf_client()
    token_from(client, "/consultation/")
    response = client.post("/consultation/", intake_data(csrfmiddlewaretoken="x" * 64))
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_intake_form_from_another_origin_is_refused_even_with_a_token(catalogue):
    client = csrf_client()
    token = token_from(client, "/consultation/")
    response = client.post(
        "/consultation/", intake_data(csrfmiddlewaretoken=token), headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def staff_action_data(action: str, consultation: Consultation, staff) -> dict:
    return {
        "notes": {"text": "Called back"},
        "status": {"to_status": "in-review", "version": consultation.version},
        "assign": {"assigned_to": staff.pk, "version": consultation.version},
        "plan": {
            "items": [plan_options(consultation)[0][0]],
            "plan_notes": "Two sessions",
            "version": consultation.version,
        },
    }[action]


@pytest.mark.parametrize("action", ["notes", "status", "assign", "plan"])
def test_staff_action_without_a_token_is_refused(consultation, staff, action):
    response = csrf_client(staff).post(
        f"/staff/consultations/{consultation.reference}/{action}/", staff_action_data(action, consultation, staff)
    )
    assert response.status_code == 403
    after = Consultation.objects.get(pk=consultation.pk)
    assert (after.version, after.status, after.assigned_to, after.plan_notes) == (1, "new", None, "")
    assert not Note.objects.exists()


@pytest.mark.parametrize("action", ["notes", "status", "assign", "plan"])
def test_staff_action_with_the_token_from_the_page_is_saved(consultation, staff, action):
    client = csrf_client(staff)
    token = token_from(client, f"/staff/consultations/{consultation.reference}/")
    data = {**staff_action_data(action, consultation, staff), "csrfmiddlewaretoken": token}
    response = client.post(f"/staff/consultations/{consultation.reference}/{action}/", data)
    assert response.status_code == 302


def test_deleting_my_data_without_a_token_is_refused(consultation):
    patient = make_user("patient")
    Consultation.objects.filter(pk=consultation.pk).update(patient=patient)
    response = csrf_client(patient).post("/me/delete/", {"confirm": "delete"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=patient.pk).exists()
    assert Consultation.objects.filter(pk=consultation.pk).exists()


def test_login_without_a_token_is_refused(catalogue):
    make_user("patient")
    client = csrf_client()
    response = client.post("/accounts/login/", {"username": "patient", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_without_a_token_is_refused(catalogue):
    user = make_user("patient")
    client = csrf_client(user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_without_a_token_is_refused(catalogue):
    data = {"username": "newpatient", "email": "new@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = csrf_client().post("/accounts/signup/", data)
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="newpatient").exists()


def test_password_change_without_a_token_is_refused(catalogue):
    user = make_user("patient")
    data = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = csrf_client(user).post("/accounts/password/change/", data)
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# Mass assignment ---------------------------------------------------------------------------------


def engine_suggestion(data: dict) -> dict:
    form = IntakeForm(data, rules=current_rules())
    assert form.is_valid(), form.errors
    return suggest(form.intake().answers(), current_rules()).as_dict()


def forged_intake_fields(*, patient, staff) -> dict:
    return {
        "status": "booked",
        "patient": patient.pk,
        "assigned_to": staff.pk,
        "suggestion": json.dumps({"suggestions": [{"treatment": "botox"}], "flags": [], "notes": []}),
        "suggested_treatments": ",evil,",
        "reference": "AAAA-BBBB-CCCC",
        "version": "99",
        "has_flags": "true",
        "rules_version": "x",
        "plan_notes": "Free treatment agreed",
        "consent_version": "0",
        "anonymised_at": "2020-01-01T00:00:00Z",
        "id": "999",
    }


def test_intake_ignores_fields_the_form_does_not_own(client, catalogue, staff):
    someone = make_user("someone")
    # No yes to any screening question, so a consultation with flags could only come from the forged field.
    data = intake_data(**{"screening-blood-thinners": "no", "screening-blood-thinners-detail": ""})
    response = client.post("/consultation/", {**data, **forged_intake_fields(patient=someone, staff=staff)})
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.status == "new"
    assert consultation.patient is None
    assert consultation.assigned_to is None
    assert consultation.reference != "AAAA-BBBB-CCCC"
    assert response["Location"] == f"/consultation/{consultation.reference}/"
    assert consultation.version == 1
    assert consultation.has_flags is False
    assert consultation.rules_version == current_rules().version
    expected = engine_suggestion(data)
    assert consultation.suggestion == expected
    assert consultation.suggested_slugs == [s["treatment"] for s in expected["suggestions"]]
    assert consultation.plan_notes == ""
    assert consultation.consent_version != "0"
    assert consultation.anonymised_at is None
    assert consultation.pk != 999


def test_a_logged_in_patient_cannot_file_an_intake_under_another_account(client, catalogue, staff):
    patient, other = make_user("patient"), make_user("other")
    sign_in(client, patient)
    response = client.post("/consultation/", intake_data(**forged_intake_fields(patient=other, staff=staff)))
    assert response.status_code == 302
    assert Consultation.objects.get().patient == patient


def test_a_note_is_always_written_by_whoever_is_logged_in(client, consultation, staff):
    other_staff, elsewhere = make_staff("colleague"), make_consultation()
    sign_in(client, staff)
    forged = {"text": "Called back", "author": other_staff.pk, "consultation": elsewhere.pk, "created_at": "2020-01-01"}
    response = client.post(f"/staff/consultations/{consultation.reference}/notes/", forged)
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.author, note.consultation) == (staff, consultation)
    assert note.created_at.year != 2020
    assert AuditEvent.objects.get(action="note-added").actor == staff


def test_a_status_change_is_always_made_by_whoever_is_logged_in(client, consultation, staff):
    other_staff = make_staff("colleague")
    sign_in(client, staff)
    forged = {"to_status": "in-review", "version": 1, "changed_by": other_staff.pk, "from_status": "booked"}
    response = client.post(f"/staff/consultations/{consultation.reference}/status/", forged)
    assert response.status_code == 302
    change = StatusChange.objects.get()
    assert (change.changed_by, change.from_status, change.to_status) == (staff, "new", "in-review")
    assert AuditEvent.objects.get(action="status-changed").actor == staff


@pytest.mark.parametrize(
    ("action", "own_fields"),
    [
        ("notes", {"text": "Called back"}),
        ("status", {"to_status": "in-review", "version": 1}),
        ("assign", {"assigned_to": "", "version": 1}),
        ("plan", {"items": [], "no_treatment": "on", "plan_notes": "", "version": 1}),
    ],
)
def test_staff_actions_change_nothing_but_their_own_fields(client, consultation, staff, action, own_fields):
    sign_in(client, staff)
    forged = {
        "status": "booked",
        "assigned_to": staff.pk if action != "assign" else "",
        "full_name": "Someone Else",
        "goals": "Changed by staff",
        "plan_notes": "Forged plan" if action != "plan" else "",
        "has_flags": "true",
        "patient": staff.pk,
        "reference": "AAAA-BBBB-CCCC",
    }
    response = client.post(f"/staff/consultations/{consultation.reference}/{action}/", {**forged, **own_fields})
    assert response.status_code == 302
    after = Consultation.objects.get(pk=consultation.pk)
    assert after.status == ("in-review" if action == "status" else "new")
    assert after.assigned_to is None
    assert (after.full_name, after.goals, after.plan_notes) == ("Ada Lovelace", "Look less tired", "")
    assert (after.has_flags, after.patient, after.reference) == (consultation.has_flags, None, consultation.reference)


def test_signup_cannot_grant_a_staff_role_or_permissions(client, catalogue):
    staff_group = Group.objects.get(name=STAFF)
    data = {
        "username": "newpatient",
        "email": "new@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "on",
        "groups": [staff_group.pk],
        "user_permissions": ["1", "2", "3"],
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.com")
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert not user.groups.exists()
    assert not user.user_permissions.exists()
    assert is_patient(user)


def test_deleting_my_data_cannot_reach_another_patients_account(client, catalogue):
    patient, other = make_user("patient"), make_user("other")
    mine, theirs = make_consultation(), make_consultation()
    Consultation.objects.filter(pk=mine.pk).update(patient=patient)
    Consultation.objects.filter(pk=theirs.pk).update(patient=other)
    sign_in(client, patient)
    forged = {"confirm": "delete", "user": other.pk, "patient": other.pk, "reference": theirs.reference}
    response = client.post("/me/delete/", forged)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=patient.pk).exists()
    assert not Consultation.objects.filter(pk=mine.pk).exists()
    assert get_user_model().objects.filter(pk=other.pk).exists()
    assert Consultation.objects.get(pk=theirs.pk).patient == other
