"""Retention: a dry run by default, then anonymise or delete old consultations once, audited, history included;
expired saved forms deleted."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from consultations.models import Consultation, IntakeDraft, ScreeningAnswer
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


@pytest.fixture
def expired_and_live_drafts(catalogue):
    from consultations.drafts import intake_draft_save
    from tests.consultations.factories import expire_draft

    expired = intake_draft_save(email="old@example.com", answers={"goals": ["old"]}, step=1)
    live = intake_draft_save(email="new@example.com", answers={"goals": ["new"]}, step=1)
    expire_draft(expired)
    return expired, live


def test_the_dry_run_counts_expired_saved_forms_and_deletes_none(expired_and_live_drafts, capsys):
    call_command("apply_retention")
    assert "Dry run: 1 expired saved form(s) would be deleted." in capsys.readouterr().out
    assert IntakeDraft.objects.count() == 2


def test_apply_deletes_expired_saved_forms_only(expired_and_live_drafts, capsys):
    expired, live = expired_and_live_drafts
    call_command("apply_retention", "--apply")
    assert "Deleted 1 expired saved form(s)." in capsys.readouterr().out
    assert list(IntakeDraft.objects.values_list("pk", flat=True)) == [live.pk]
