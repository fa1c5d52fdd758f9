"""The audit trail in the admin: read-only, and nonsense in its date filters is a message, never a 500."""

import pytest

from tests.consultations.people import make_clinic_admin, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["at__year=99999999999", "at__year=2026&at__month=13", "at__year=2026&at__month=2&at__day=31", "at__year=x"],
)
def test_an_impossible_date_in_the_filters_is_refused_without_an_error(client, query):
    client.raise_request_exception = False
    sign_in(client, make_clinic_admin())
    response = client.get(f"/admin/audit/auditevent/?{query}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_a_real_date_filters(client):
    sign_in(client, make_clinic_admin())
    assert client.get("/admin/audit/auditevent/?at__year=2026&at__month=12").status_code == 200


@pytest.mark.parametrize("model", ["audit/auditevent", "consultations/consultation"])
def test_the_audit_trail_and_consultations_cannot_be_added_or_deleted_in_the_admin(client, model):
    sign_in(client, make_clinic_admin())
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 403
    assert client.post(f"/admin/{model}/", {"action": "delete_selected", "_selected_action": ["1"]}).status_code in (
        200,
        302,
    )
    assert "delete_selected" not in client.get(f"/admin/{model}/").content.decode()
