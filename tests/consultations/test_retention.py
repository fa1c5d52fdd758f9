"""Retention: a dry run by default, then anonymise or delete old consultations once, audited, history included."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from consultations.models import Consultation, ScreeningAnswer
from tests.consultations.factories import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_new(catalogue):
    old = make_consultation(full_name="Old Patient", goals="secret goals")
    new = make_consultation(full_name="New Patient")
    Consultation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    return old, new


def test_the_default_is_a_dry_run_that_changes_nothing(old_and_new, capsys):
    old, _ = old_and_new
    call_command("apply_retention", "--days", "365")
    assert "Dry run: 1 consultation(s)" in capsys.readouterr().out
    assert Consultation.objects.get(pk=old.pk).full_name == "Old Patient"
    assert not AuditEvent.objects.exclude(action="submitted").exists()


def test_apply_anonymises_old_consultations_only_and_audits_each(old_and_new, capsys):
    old, new = old_and_new
    call_command("apply_retention", "--days", "365", "--apply")
    old.refresh_from_db()
    assert (old.full_name, old.email, old.phone, old.goals) == ("Anonymised", "anonymised@invalid", "", "")
    assert old.anonymised_at is not None
    assert not ScreeningAnswer.objects.filter(consultation=old).exclude(detail="").exists()
    assert not old.history.exclude(full_name="Anonymised").exists()
    assert Consultation.objects.get(pk=new.pk).full_name == "New Patient"
    retained = AuditEvent.objects.exclude(action="submitted")
    assert list(retained.values_list("action", "consultation_reference")) == [("retention", old.reference)]


def test_running_again_is_idempotent(old_and_new, capsys):
    call_command("apply_retention", "--days", "365", "--apply")
    capsys.readouterr()
    call_command("apply_retention", "--days", "365", "--apply")
    assert "Nothing to do" in capsys.readouterr().out
    assert AuditEvent.objects.exclude(action="submitted").count() == 1


def test_delete_mode_removes_the_row_and_its_history(old_and_new):
    old, _ = old_and_new
    call_command("apply_retention", "--days", "365", "--mode", "delete", "--apply")
    assert not Consultation.objects.filter(pk=old.pk).exists()
    assert not Consultation.history.filter(id=old.pk).exists()
