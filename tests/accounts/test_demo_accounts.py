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


def test_demo_staff_admin_and_editor_sign_in_with_the_published_totp_secret(demo, client):
    from allauth.mfa.models import Authenticator

    from accounts.second_factor import DEMO_TOTP_SECRET
    from tests.consultations.people import totp_code

    for username in ["staff", "admin", "editor"]:
        assert Authenticator.objects.filter(user=user(username), type="totp").exists(), username
    assert not Authenticator.objects.filter(user__username__in=["patient", "patient2"]).exists()
    response = client.post("/accounts/login/", {"login": "staff", "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(DEMO_TOTP_SECRET)})
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == "/staff/"


def test_demo_patients_addresses_are_confirmed_so_they_can_sign_in(demo, client):
    response = client.post("/accounts/login/", {"login": "patient", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_the_demo_code_command_prints_the_current_code(demo, capsys):
    from accounts.second_factor import DEMO_TOTP_SECRET
    from tests.consultations.people import totp_code

    call_command("demo_totp_code")
    assert capsys.readouterr().out.split()[0] == totp_code(DEMO_TOTP_SECRET)


def test_the_demo_code_command_refuses_outside_demo_mode(settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only created"):
        call_command("demo_totp_code")


def test_the_browser_helpers_code_is_the_one_allauth_accepts():
    from accounts.second_factor import DEMO_TOTP_SECRET as SECRET
    from tests.consultations.people import totp_code
    from tests.sign_in_page import DEMO_TOTP_SECRET
    from tests.sign_in_page import totp_code as page_code

    assert DEMO_TOTP_SECRET == SECRET
    assert page_code(SECRET) == totp_code(SECRET)
