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
