"""The result page opens only for the browser that sent the form (for a while) and the account that owns it."""

import pytest

from audit.models import AuditEvent
from consultations.models import Consultation
from tests.consultations.factories import intake_data, make_consultation
from tests.consultations.people import make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db


def sent_through_the_form(client) -> Consultation:
    response = client.post("/consultation/", intake_data())
    assert response.status_code == 302
    return Consultation.objects.get()


def shows_health_data(response) -> bool:
    html = response.content.decode()
    return 'data-treatment="botox"' in html or 'data-flag="blood-thinners"' in html


def test_the_browser_that_sent_the_form_reads_its_result(client, catalogue):
    consultation = sent_through_the_form(client)
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200 and shows_health_data(response)


def test_a_stranger_with_the_reference_sees_how_to_get_in_and_no_health_data(client, catalogue):
    consultation = make_consultation()
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 403 and not shows_health_data(response)
    assert "Sign in to see this consultation" in response.content.decode()


def test_an_unknown_reference_gets_the_same_page_as_a_known_one(client, catalogue):
    known = client.get(make_consultation().get_absolute_url())
    unknown = client.get("/consultation/AAAA-BBBB-CCCC/")
    assert unknown.status_code == known.status_code == 403
    assert unknown.content.decode().replace("AAAA-BBBB-CCCC", "") == known.content.decode().replace(
        Consultation.objects.get().reference, ""
    )


def test_the_senders_window_closes(client, catalogue, settings):
    consultation = sent_through_the_form(client)
    settings.RESULT_SESSION_SECONDS = 0
    assert client.get(consultation.get_absolute_url()).status_code == 403


def test_the_owner_reads_it_signed_in_and_another_patient_does_not(client, catalogue):
    owner, other = make_user("owner"), make_user("other")
    consultation = make_consultation()
    Consultation.objects.filter(pk=consultation.pk).update(patient=owner)
    sign_in(client, other)
    refused = client.get(consultation.get_absolute_url())
    assert refused.status_code == 403 and not shows_health_data(refused)
    # Signed in already: the page says whose it is not, rather than asking them to sign in.
    assert "This consultation is not in your account" in refused.content.decode()
    assert "Sign in to see this consultation" not in refused.content.decode()
    # Signing out to reach the other account is one press, back to this address.
    forms = refused.content.decode().split('action="/accounts/logout/"')[1:]
    (sign_out,) = [form.split("</form>")[0] for form in forms if "In another account" in form.split("</form>")[0]]
    assert f'name="next" value="{consultation.get_absolute_url()}"' in sign_out and "csrfmiddlewaretoken" in sign_out
    sign_in(client, owner)
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200 and shows_health_data(response)


def test_staff_are_sent_to_the_staff_page(client, catalogue):
    consultation = make_consultation()
    sign_in(client, make_staff())
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == f"/staff/consultations/{consultation.reference}/"


def test_every_read_is_audited_and_a_refusal_reads_nothing(client, catalogue):
    consultation = sent_through_the_form(client)
    client.get(consultation.get_absolute_url())
    client.get(consultation.get_absolute_url())
    views = AuditEvent.objects.filter(consultation_reference=consultation.reference, action=AuditEvent.Action.VIEWED)
    assert views.count() == 2 and views.first().detail == "result"
    client.logout()
    client.get(consultation.get_absolute_url())
    assert views.count() == 2
