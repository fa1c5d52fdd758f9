"""Staff writes: notes, sensible status moves, assignment, the agreed plan, optimistic locking, one audit row each."""

import pytest

from audit.models import AuditEvent
from consultations.models import Consultation, StatusChange
from consultations.review import (
    EditConflict,
    TransitionRefused,
    Unchanged,
    consultation_assign,
    consultation_note_add,
    consultation_plan_agree,
    consultation_status_change,
)
from tests.consultations.factories import make_consultation
from tests.consultations.people import make_staff
from treatments.models import Area, Treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def consultation(catalogue):
    return make_consultation()


def audit_actions(consultation):
    """What was done to the consultation after it was submitted (its first event)."""
    actions = list(
        AuditEvent.objects.filter(consultation_reference=consultation.reference)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[0] == "submitted"
    return actions[1:]


def test_a_note_is_kept_with_its_author_and_audited_once(consultation, staff):
    note = consultation_note_add(
        consultation=consultation, author=staff, text="called, booked for Tuesday", ip="10.0.0.5"
    )
    assert note.author == staff and note.created_at
    assert audit_actions(consultation) == ["note-added"]
    event = AuditEvent.objects.get(action="note-added")
    assert (event.actor, event.actor_username, event.ip_address) == (staff, "reception", "10.0.0.5")
    assert "Tuesday" not in event.detail  # the trail holds no health or note text


def test_a_sensible_status_move_is_recorded_with_who_when_from_and_to(consultation, staff):
    consultation_status_change(consultation_id=consultation.pk, user=staff, to_status="contacted", seen_version=1)
    consultation.refresh_from_db()
    assert consultation.status == "contacted" and consultation.version == 2
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("new", "contacted", staff)
    assert audit_actions(consultation) == ["status-changed"]


@pytest.mark.parametrize(
    ("start", "target"), [("new", "booked"), ("new", "closed"), ("closed", "booked"), ("new", "new")]
)
def test_a_status_move_that_makes_no_sense_is_refused(consultation, staff, start, target):
    Consultation.objects.filter(pk=consultation.pk).update(status=start)
    with pytest.raises(TransitionRefused):
        consultation_status_change(consultation_id=consultation.pk, user=staff, to_status=target, seen_version=1)
    consultation.refresh_from_db()
    assert consultation.status == start and consultation.version == 1
    assert not StatusChange.objects.exists()
    assert audit_actions(consultation) == []


def test_closed_and_cancelled_can_be_reopened(consultation, staff):
    Consultation.objects.filter(pk=consultation.pk).update(status="cancelled")
    consultation_status_change(consultation_id=consultation.pk, user=staff, to_status="in-review", seen_version=1)
    assert Consultation.objects.get(pk=consultation.pk).status == "in-review"


def test_assignment_is_saved_and_audited(consultation, staff):
    consultation_assign(consultation_id=consultation.pk, user=staff, assignee=staff, seen_version=1)
    assert Consultation.objects.get(pk=consultation.pk).assigned_to == staff
    assert audit_actions(consultation) == ["assigned"]


def test_the_agreed_plan_may_differ_from_the_suggestion(consultation, staff):
    botox, forehead = Treatment.objects.get(slug="botox"), Area.objects.get(slug="forehead")
    consultation_plan_agree(
        consultation_id=consultation.pk,
        user=staff,
        items=[(botox, forehead)],
        plan_notes="Forehead first",
        seen_version=1,
    )
    consultation.refresh_from_db()
    assert [(i.treatment.slug, i.area.slug) for i in consultation.plan_items.all()] == [("botox", "forehead")]
    assert consultation.plan_notes == "Forehead first"
    assert audit_actions(consultation) == ["plan-agreed"]


def test_an_unchanged_plan_or_assignment_is_refused_and_nothing_is_written(consultation, staff):
    botox, forehead = Treatment.objects.get(slug="botox"), Area.objects.get(slug="forehead")
    plan = {"consultation_id": consultation.pk, "user": staff, "items": [(botox, forehead)], "plan_notes": "First"}
    consultation_plan_agree(**plan, seen_version=1)
    consultation_assign(consultation_id=consultation.pk, user=staff, assignee=staff, seen_version=2)
    with pytest.raises(Unchanged, match="The plan was not changed."):
        consultation_plan_agree(**plan, seen_version=3)
    with pytest.raises(Unchanged, match="The assignment was not changed."):
        consultation_assign(consultation_id=consultation.pk, user=staff, assignee=staff, seen_version=3)
    consultation.refresh_from_db()
    assert consultation.version == 3 and audit_actions(consultation) == ["plan-agreed", "assigned"]
    consultation_assign(consultation_id=consultation.pk, user=staff, assignee=None, seen_version=3)
    with pytest.raises(Unchanged):
        consultation_assign(consultation_id=consultation.pk, user=staff, assignee=None, seen_version=4)


def test_agreeing_on_no_treatment_is_recorded_once(consultation, staff):
    empty = {"consultation_id": consultation.pk, "user": staff, "items": [], "plan_notes": ""}
    consultation_plan_agree(**empty, seen_version=1)  # a decision, though nothing was saved before
    with pytest.raises(Unchanged):
        consultation_plan_agree(**empty, seen_version=2)
    assert audit_actions(consultation) == ["plan-agreed"]


def test_a_second_editor_with_a_stale_version_is_refused_and_nothing_is_written(consultation, staff):
    other = make_staff("practitioner")
    consultation_assign(consultation_id=consultation.pk, user=staff, assignee=staff, seen_version=1)
    with pytest.raises(EditConflict, match="This consultation has changed since you opened it"):
        consultation_assign(consultation_id=consultation.pk, user=other, assignee=other, seen_version=1)
    with pytest.raises(EditConflict):
        consultation_status_change(consultation_id=consultation.pk, user=other, to_status="contacted", seen_version=1)
    consultation.refresh_from_db()
    assert consultation.assigned_to == staff and consultation.status == "new" and consultation.version == 2
    assert audit_actions(consultation) == ["assigned"]


def test_staff_edits_are_kept_in_the_consultation_history(consultation, staff):
    consultation_status_change(consultation_id=consultation.pk, user=staff, to_status="in-review", seen_version=1)
    statuses = list(consultation.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["new", "in-review"]
