"""The admin as a non-technical editor and a clinic admin see it: the clinic's name, roles, plain labels."""

import pytest

from tests.consultations.people import make_clinic_admin, make_editor, make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db


def test_the_users_list_shows_each_users_role(client):
    admin = make_clinic_admin()
    make_staff("desk")
    make_editor("writer")
    make_user("pat")
    sign_in(client, admin)
    html = client.get("/admin/auth/user/").content.decode()
    for username, role in [("desk", "Staff"), ("writer", "Content editors"), ("pat", "Patient")]:
        row = html.split(f">{username}</a>")[1].split("</tr>")[0]
        assert f">{role}<" in row, username
    assert "Django administration" not in html and "Clinic: content and records" in html


def test_the_admin_site_flag_is_explained(client):
    admin = make_clinic_admin()
    sign_in(client, admin)
    html = client.get(f"/admin/auth/user/{make_staff('desk').pk}/change/").content.decode()
    assert "Can sign in to this admin site" in html and "Staff status" not in html


def test_rules_are_named_for_what_they_do(client):
    sign_in(client, make_editor())
    html = client.get("/admin/").content.decode()
    assert "Suggestion rules: which treatment helps which concern where" in html
    assert "Indications" not in html
