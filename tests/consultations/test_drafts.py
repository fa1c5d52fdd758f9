"""Saved intake forms (consultations/drafts.py): kept a few days, opened by link and one-time code, never in clear."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from consultations import drafts
from consultations.drafts import CodeChecked, CodeSent
from consultations.models import IntakeDraft
from tests.consultations.factories import expire_draft

pytestmark = pytest.mark.django_db

ANSWERS = {"full_name": ["Ada Lovelace"], "email": ["ada@example.com"], "area-glabella": ["lines-when-moving"]}


def save(**overrides) -> IntakeDraft:
    return drafts.intake_draft_save(**{"email": "ada@example.com", "answers": ANSWERS, "step": 2, **overrides})


def link_token(message) -> str:
    return re.search(r"/consultation/resume/([^/\s]+)/", message.body)[1]


def sent_code(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.M)[1]


def code_for(draft) -> str:
    mail.outbox.clear()
    assert drafts.intake_draft_code_send(draft=draft) is CodeSent.SENT
    return sent_code(mail.outbox[-1])


def test_saving_keeps_the_answers_for_the_setting_and_emails_a_link(settings):
    settings.INTAKE_DRAFT_DAYS = 3
    settings.SITE_URL = "https://clinic.example"
    draft = save()
    assert draft.answers == ANSWERS and draft.step == 2
    assert timedelta(days=3) - (draft.expires_at - timezone.now()) < timedelta(minutes=1)
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.body.count("https://clinic.example/consultation/resume/") == 1
    assert "Lovelace" not in message.body + message.subject  # no answer travels by email


def test_the_link_is_stored_only_as_a_hash_and_opens_its_draft():
    draft = save()
    token = link_token(mail.outbox[0])
    assert token not in draft.link_token_hash
    assert drafts.intake_draft_for_link(token) == draft
    assert drafts.intake_draft_for_link(token + "x") is None
    assert drafts.intake_draft_for_link("") is None


def test_an_expired_draft_never_opens():
    draft = save()
    token = link_token(mail.outbox[0])
    expire_draft(draft)
    assert drafts.intake_draft_for_link(token) is None
    assert drafts.intake_draft_live(draft.pk) is None


def test_saving_again_replaces_the_same_draft_and_its_link():
    first = save()
    old_token = link_token(mail.outbox[0])
    again = save(answers={"full_name": ["Ada King"]}, step=4, draft_id=first.pk)
    assert again.pk == first.pk and IntakeDraft.objects.count() == 1
    assert IntakeDraft.objects.get().answers == {"full_name": ["Ada King"]}
    assert drafts.intake_draft_for_link(old_token) is None
    assert drafts.intake_draft_for_link(link_token(mail.outbox[1])) == first


def test_saving_with_an_expired_draft_id_starts_a_new_draft():
    first = save()
    expire_draft(first)
    again = save(draft_id=first.pk)
    assert again.pk != first.pk


def test_a_link_that_cannot_be_emailed_keeps_nothing():
    failing = mock.patch("consultations.drafts.patient_mail_send", side_effect=OSError("mail server down"))
    with failing, pytest.raises(drafts.DraftLinkNotSent):
        save()
    assert IntakeDraft.objects.count() == 0


def test_saving_again_when_the_link_cannot_be_emailed_keeps_the_link_already_sent():
    first = save()
    old_token = link_token(mail.outbox[0])
    failing = mock.patch("consultations.drafts.patient_mail_send", side_effect=OSError("mail server down"))
    with failing, pytest.raises(drafts.DraftLinkNotSent):
        save(answers={"full_name": ["Ada King"]}, step=4, draft_id=first.pk)
    assert drafts.intake_draft_for_link(old_token) == first
    assert IntakeDraft.objects.get().answers == first.answers


def test_the_code_is_six_digits_emailed_and_stored_only_as_a_hash():
    draft = save()
    code = code_for(draft)
    draft.refresh_from_db()
    assert len(code) == 6 and code not in draft.code_hash
    assert mail.outbox[-1].to == ["ada@example.com"] and code not in mail.outbox[-1].subject
    assert draft.code_expires_at - timezone.now() <= timedelta(minutes=drafts.CODE_MINUTES)


def test_the_right_code_works_once():
    draft = save()
    code = code_for(draft)
    assert drafts.intake_draft_code_check(draft=draft, code=code) == (CodeChecked.RIGHT, 0)
    assert drafts.intake_draft_code_check(draft=draft, code=code) == (CodeChecked.NONE, 0)


def test_five_wrong_tries_void_the_code_even_for_the_right_one_after():
    draft = save()
    code = code_for(draft)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    outcomes = [drafts.intake_draft_code_check(draft=draft, code=wrong) for _ in range(5)]
    assert outcomes == [
        (CodeChecked.WRONG, 4),
        (CodeChecked.WRONG, 3),
        (CodeChecked.WRONG, 2),
        (CodeChecked.WRONG, 1),
        (CodeChecked.VOID, 0),
    ]
    assert drafts.intake_draft_code_check(draft=draft, code=code) == (CodeChecked.NONE, 0)


def test_an_expired_code_does_not_open_the_draft():
    draft = save()
    code = code_for(draft)
    IntakeDraft.objects.filter(pk=draft.pk).update(code_expires_at=timezone.now() - timedelta(seconds=1))
    assert drafts.intake_draft_code_check(draft=draft, code=code) == (CodeChecked.EXPIRED, 0)


def test_a_new_code_replaces_the_last_one():
    draft = save()
    first = code_for(draft)
    IntakeDraft.objects.filter(pk=draft.pk).update(code_sent_at=timezone.now() - timedelta(minutes=2))
    draft.refresh_from_db()
    second = code_for(draft)
    if first != second:  # one time in a million they are the same
        assert drafts.intake_draft_code_check(draft=draft, code=first)[0] is CodeChecked.WRONG
    assert drafts.intake_draft_code_check(draft=draft, code=second)[0] is CodeChecked.RIGHT


def test_a_code_is_not_resent_within_a_minute():
    draft = save()
    code_for(draft)
    mail.outbox.clear()
    assert drafts.intake_draft_code_send(draft=draft) is CodeSent.RECENT
    assert mail.outbox == []


def test_codes_per_draft_are_limited_per_hour():
    draft = save()
    results = []
    for _ in range(drafts.CODES_PER_DRAFT_PER_HOUR + 1):
        IntakeDraft.objects.filter(pk=draft.pk).update(code_sent_at=timezone.now() - timedelta(minutes=2))
        draft.refresh_from_db()
        results.append(drafts.intake_draft_code_send(draft=draft))
    assert results == [CodeSent.SENT] * drafts.CODES_PER_DRAFT_PER_HOUR + [CodeSent.LIMITED]


def test_deleting_a_draft():
    draft = save()
    drafts.intake_draft_delete(draft_id=draft.pk)
    assert not IntakeDraft.objects.exists()


def test_the_email_hint_shows_the_first_letter_and_the_domain():
    assert drafts.email_hint("jane.doe@example.com") == "j…@example.com"
