"""Cached access (accounts/permissions.py): the same answers as Django's ModelBackend, fresh after every change."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.permissions import access_stamp, access_stamp_renew, user_access
from accounts.roles import REVIEW_PERMISSION, STAFF, has_role, is_staff_member, works_at_clinic
from tests.consultations.people import make_clinic_admin, make_staff, make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request sees them: a new object, no per-request memo."""
    return type(user).objects.get(pk=user.pk)


def auth_tables_queried(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "auth_permission" in q["sql"] or "auth_group" in q["sql"]]


def test_a_second_request_reads_roles_and_permissions_from_the_cache(client, catalogue):
    staff = make_staff()
    client.force_login(staff)
    client.get("/staff/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/").status_code == 200
    assert auth_tables_queried(captured) == []


def test_the_answers_match_djangos_model_backend(catalogue):
    staff = make_staff()
    access = user_access(fresh(staff))
    assert access.groups == {STAFF}
    assert REVIEW_PERMISSION in access.group_permissions
    assert access.user_permissions == frozenset()
    assert fresh(staff).has_perm(REVIEW_PERMISSION) and is_staff_member(fresh(staff))
    patient = make_user("patient")
    assert not fresh(patient).has_perm(REVIEW_PERMISSION) and not works_at_clinic(fresh(patient))


def test_leaving_the_staff_group_takes_effect_on_the_next_request(client, catalogue):
    staff = make_staff()
    client.force_login(staff)
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


def test_a_permission_given_to_the_user_is_there_at_once(catalogue):
    user = make_user("someone")
    assert not fresh(user).has_perm("audit.view_auditevent")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="audit", codename="view_auditevent"))
    assert fresh(user).has_perm("audit.view_auditevent")


def test_an_inactive_user_has_no_permissions_and_a_superuser_has_all(catalogue):
    staff = make_staff()
    staff.is_active = False
    staff.save()
    assert not fresh(staff).has_perm(REVIEW_PERMISSION)
    admin = make_clinic_admin()
    assert fresh(admin).has_perm("treatments.change_treatment") and has_role(fresh(admin), STAFF)


def test_a_login_does_not_renew_the_stamp_but_other_user_saves_do(catalogue):
    staff = make_staff()
    before = access_stamp()
    staff.save(update_fields=["last_login"])
    assert access_stamp() == before
    staff.save()
    assert access_stamp() != before


def test_renewing_without_the_cache_table_is_harmless(settings):
    """The first migrate sets up the roles before createcachetable has made the database cache's table."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "missing"}}
    access_stamp_renew()  # must not raise


def test_a_second_request_does_not_ask_the_database_for_its_user(client, catalogue):
    client.force_login(make_staff(), backend="accounts.permissions.CachedPermissionsBackend")
    client.get("/staff/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/").status_code == 200
    assert not [q["sql"] for q in captured.captured_queries if 'FROM "auth_user"' in q["sql"]]


def test_a_deactivated_or_repassworded_user_is_logged_out_on_the_next_request(client, catalogue):
    staff = make_staff()
    client.force_login(staff, backend="accounts.permissions.CachedPermissionsBackend")
    assert client.get("/staff/").status_code == 200
    staff.set_password("another-long-password")
    staff.save()
    assert client.get("/staff/").status_code == 302  # the session's password hash no longer matches
    client.force_login(staff, backend="accounts.permissions.CachedPermissionsBackend")
    assert client.get("/staff/").status_code == 200
    staff.is_active = False
    staff.save()
    assert client.get("/staff/").status_code == 302
