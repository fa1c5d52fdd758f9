"""The admin shows consultations read-only, and opening one is an audited read like the staff page's."""

import pytest

from audit.models import AuditEvent
from tests.consultations.factories import make_consultation
from tests.consultations.people import sign_in

pytestmark = pytest.mark.django_db


def test_opening_a_consultation_in_the_admin_is_audited_as_a_read(client, admin_user, catalogue):
    consultation = make_consultation()
    sign_in(client, admin_user)

    assert client.get("/admin/consultations/consultation/").status_code == 200  # the list reads no one record
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEWED).exists()

    response = client.get(f"/admin/consultations/consultation/{consultation.pk}/change/")
    assert response.status_code == 200
    (read,) = AuditEvent.objects.filter(action=AuditEvent.Action.VIEWED)
    assert (read.consultation_reference, read.actor, read.detail) == (consultation.reference, admin_user, "admin")


def test_a_missing_consultation_in_the_admin_writes_no_read(client, admin_user, catalogue):
    sign_in(client, admin_user)
    response = client.get("/admin/consultations/consultation/999999/change/")
    assert response.status_code == 302  # the admin sends a missing object back to its list
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEWED).exists()


def test_the_admin_shows_the_suggestion_in_words_and_links_to_the_staff_record(client, admin_user, catalogue):
    consultation = make_consultation()  # frown lines and hollow cheeks; takes blood thinners
    sign_in(client, admin_user)
    html = client.get(f"/admin/consultations/consultation/{consultation.pk}/change/").content.decode()
    shown = html.split("field-suggestion_shown")[1].split("</div>\n")[0]
    assert "To discuss: Botox (Between the brows); Dermal fillers (Cheeks)</p>" in shown
    assert "Flags: blood-thinning medicine or a bleeding disorder</p>" in shown
    assert "&quot;suggestions&quot;" not in html and "field-flag_labels" not in html  # no stored JSON
    assert f'href="/staff/consultations/{consultation.reference}/"' in html  # "View on site": the staff record
