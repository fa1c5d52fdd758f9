"""Small factories for users in each role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF


def make_user(username: str, role: str | None = None, **extra):
    email = extra.pop("email", f"{username}@example.com")
    user = get_user_model().objects.create_user(username, email, "a-long-test-password", **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_staff(username="reception"):
    return make_user(username, STAFF)


def make_editor(username="writer"):
    return make_user(username, CONTENT_EDITORS, is_staff=True)


def make_clinic_admin(username="owner"):
    return make_user(username, CLINIC_ADMINS, is_staff=True, is_superuser=True)
