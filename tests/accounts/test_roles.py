"""Roles (accounts/roles.py) on Django's own ModelBackend: every change to who may do what is seen at once."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import REVIEW_PERMISSION, STAFF, has_role, is_staff_member, works_at_clinic
from tests.consultations.people import make_clinic_admin, make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request sees them: a new object, with nothing remembered on it."""
    return type(user).objects.get(pk=user.pk)


def test_staff_review_and_patients_do_not(catalogue):
    staff = make_staff()
    assert has_role(fresh(staff), STAFF) and is_staff_member(fresh(staff)) and works_at_clinic(fresh(staff))
    patient = make_user("patient")
    assert not fresh(patient).has_perm(REVIEW_PERMISSION) and not works_at_clinic(fresh(patient))


def test_leaving_the_staff_group_takes_effect_on_the_next_request(client, catalogue):
    staff = make_staff()
    sign_in(client, staff)
    assert client.get("/staff/").status_code == 200
    staff.groups.remove(Group.objects.get(name=STAFF))
    assert client.get("/staff/").status_code == 403


def test_a_permission_taken_from_a_group_is_gone_at_once(catalogue):
    staff = make_staff()
    assert fresh(staff).has_perm(REVIEW_PERMISSION)
    app_label, codename = REVIEW_PERMISSION.split(".")
    Group.objects.get(name=STAFF).permissions.remove(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    assert not fresh(staff).has_perm(REVIEW_PERMISSION)


def test_an_inactive_user_has_no_permissions_and_a_superuser_has_all(catalogue):
    staff = make_staff()
    staff.is_active = False
    staff.save()
    assert not fresh(staff).has_perm(REVIEW_PERMISSION)
    admin = make_clinic_admin()
    assert fresh(admin).has_perm("treatments.change_treatment") and has_role(fresh(admin), STAFF)


def test_a_deactivated_or_repassworded_user_is_logged_out_on_the_next_request(client, catalogue):
    staff = make_staff()
    sign_in(client, staff)
    assert client.get("/staff/").status_code == 200
    staff.set_password("another-long-password")
    staff.save()
    assert client.get("/staff/").status_code == 302  # the session's password hash no longer matches
    sign_in(client, staff)
    assert client.get("/staff/").status_code == 200
    staff.is_active = False
    staff.save()
    assert client.get("/staff/").status_code == 302
