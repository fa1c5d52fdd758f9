"""Demo accounts exist only in debug or demo mode."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF, is_patient, is_staff_member

pytestmark = pytest.mark.django_db

PASSWORD = "clinic-demo-pass"


@pytest.fixture
def demo(settings, catalogue):
    settings.DEMO_MODE = True
    call_command("create_demo_accounts")


def user(username):
    return get_user_model().objects.get(username=username)


def test_every_demo_account_logs_in_with_the_demo_password(demo):
    for username in ["admin", "staff", "editor", "patient", "patient2"]:
        assert user(username).check_password(PASSWORD), username


def test_demo_accounts_hold_their_roles(demo):
    assert user("admin").is_superuser and user("admin").groups.filter(name=CLINIC_ADMINS).exists()
    assert user("staff").groups.filter(name=STAFF).exists() and is_staff_member(user("staff"))
    assert user("editor").groups.filter(name=CONTENT_EDITORS).exists() and user("editor").is_staff
    assert not is_staff_member(user("editor"))
    assert is_patient(user("patient")) and is_patient(user("patient2"))


def test_running_the_demo_again_changes_nothing(demo, capsys):
    call_command("create_demo_accounts")
    assert "nothing changed" in capsys.readouterr().out


def test_demo_accounts_are_refused_in_production(settings, django_user_model):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only created"):
        call_command("create_demo_accounts")
    assert not django_user_model.objects.filter(username="admin").exists()
