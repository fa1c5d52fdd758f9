"""Demo accounts exist only in debug or demo mode."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_admin_is_created_in_demo_mode(settings):
    settings.DEMO_MODE = True
    call_command("create_demo_accounts")
    user = authenticate(username="admin", password="clinic-demo-pass")
    assert user is not None and user.is_superuser


def test_demo_accounts_are_created_once(settings, capsys):
    settings.DEMO_MODE = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    assert "nothing changed" in capsys.readouterr().out


def test_demo_accounts_are_refused_in_production(settings, django_user_model):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only created"):
        call_command("create_demo_accounts")
    assert not django_user_model.objects.filter(username="admin").exists()
