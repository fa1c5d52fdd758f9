"""Demo consultations exist only in debug or demo mode, for the demo accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from consultations.models import Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, catalogue):
    settings.DEMO_MODE = True
    call_command("create_demo_accounts")
    call_command("create_demo_consultations")


def user(username):
    return get_user_model().objects.get(username=username)


def test_demo_consultations_cover_every_status_and_belong_where_promised(demo):
    assert Consultation.objects.count() == 12
    assert set(Consultation.objects.values_list("status", flat=True)) == set(Consultation.Status.values)
    assert Consultation.objects.filter(patient=user("patient")).count() == 2
    assert Consultation.objects.filter(patient=user("patient2")).count() == 1


def test_a_demo_consultations_consent_was_given_when_it_was_sent(demo):
    # Spread over past weeks, each reads as one sending: the consent (in the patient's data download) is of that day.
    for consultation in Consultation.objects.all():
        assert consultation.consented_at == consultation.created_at


def test_running_the_demo_again_changes_nothing(demo, capsys):
    call_command("create_demo_consultations")
    assert "nothing changed" in capsys.readouterr().out
    assert Consultation.objects.count() == 12


def test_demo_consultations_are_refused_in_production(settings, catalogue):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only created"):
        call_command("create_demo_consultations")
    assert not Consultation.objects.exists()
