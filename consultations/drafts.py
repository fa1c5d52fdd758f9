"""Save and finish later: an unfinished intake kept for a few days, opened by an emailed link and a one-time code.

Plain Python that never sees a request. The link token and the code are sent once and stored only as keyed hashes
(Django's salted_hmac with the secret key), so a copy of the database opens no draft. A draft's answers are health
data: nothing here logs, caches or emails them.
"""

import enum
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from clinic.context_processors import clinic as clinic_details
from clinic.mail import patient_mail_send
from clinic.rate_limits import attempt_allowed
from consultations.models import IntakeDraft

logger = logging.getLogger(__name__)

LINK_SALT = "consultations.drafts.link"
CODE_SALT = "consultations.drafts.code"
CODE_DIGITS = 6
CODE_MINUTES = 15
CODE_TRIES = 5  # wrong tries, then the code is void and a new one must be asked for
CODE_RESEND_SECONDS = 60  # a code younger than this is not replaced (reloads, link scanners, double clicks)
CODES_PER_DRAFT_PER_HOUR = 5  # with CODE_TRIES, at most 25 guesses an hour at a one-in-a-million code


class CodeSent(enum.Enum):
    SENT = "sent"
    RECENT = "recent"  # one sent less than CODE_RESEND_SECONDS ago still works: no new email
    LIMITED = "limited"  # CODES_PER_DRAFT_PER_HOUR reached
    FAILED = "failed"  # the mail server refused


class CodeChecked(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    VOID = "void"  # the last allowed wrong try: the code is gone
    EXPIRED = "expired"
    NONE = "none"  # no code waiting (already used, voided or never sent)


class DraftLinkNotSent(Exception):
    """The link could not be emailed: the draft is not kept, since nobody could open it."""


def _link_hash(token: str) -> str:
    return salted_hmac(LINK_SALT, token, algorithm="sha256").hexdigest()


def _code_hash(draft: IntakeDraft, code: str) -> str:
    return salted_hmac(CODE_SALT, f"{draft.pk}:{code}", algorithm="sha256").hexdigest()


def email_hint(email: str) -> str:
    """'j…@example.com': enough for the link holder to recognise their address, no more."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


def live_drafts():
    return IntakeDraft.objects.filter(expires_at__gt=timezone.now())


def intake_draft_live(draft_id) -> IntakeDraft | None:
    return live_drafts().filter(pk=draft_id).first() if isinstance(draft_id, int) else None


def intake_draft_for_link(token: str) -> IntakeDraft | None:
    """The unexpired draft this link opens, or None: whether it never existed or expired is not said."""
    if not token or len(token) > 100:
        return None
    return live_drafts().filter(link_token_hash=_link_hash(token)).first()


def intake_draft_save(*, email: str, answers: dict, step: int, draft_id: int | None = None) -> IntakeDraft:
    """Keep the answers for INTAKE_DRAFT_DAYS and email a fresh link to them.

    Saving again from the browser that saved or opened a draft (draft_id) replaces that draft's answers, link and
    code, and restarts its days: a patient has one draft, not a pile. Raises DraftLinkNotSent (and keeps nothing
    new) when the email cannot be sent.
    """
    token = secrets.token_urlsafe(32)
    values = {
        "email": email,
        "answers": answers,
        "step": step,
        "link_token_hash": _link_hash(token),
        "code_hash": "",
        "code_expires_at": None,
        "code_sent_at": None,
        "code_attempts": 0,
        "expires_at": timezone.now() + timedelta(days=settings.INTAKE_DRAFT_DAYS),
    }
    with transaction.atomic():
        draft = live_drafts().select_for_update().filter(pk=draft_id).first() if draft_id else None
        if draft is None:
            draft, before = IntakeDraft.objects.create(**values), None
        else:
            before = {name: getattr(draft, name) for name in values}
            for name, value in values.items():
                setattr(draft, name, value)
            draft.save(update_fields=[*values, "updated_at"])
    try:
        _email(draft, "draft_link", {"link": settings.SITE_URL + reverse("consultations:resume", args=[token])})
    except Exception as error:
        logger.exception("Could not email the link to a saved intake form")
        if before is None:
            draft.delete()
        else:
            # The link already in the patient's inbox keeps working, with the answers it was sent for.
            for name, value in before.items():
                setattr(draft, name, value)
            draft.save(update_fields=[*before, "updated_at"])
        raise DraftLinkNotSent from error
    return draft


def intake_draft_code_send(*, draft: IntakeDraft) -> CodeSent:
    """Email a fresh one-time code for this draft (the last one stops working), within the limits above."""
    now = timezone.now()
    if draft.code_hash and draft.code_sent_at and now - draft.code_sent_at < timedelta(seconds=CODE_RESEND_SECONDS):
        return CodeSent.RECENT
    if not attempt_allowed("intake-draft-code-sent", str(draft.pk), CODES_PER_DRAFT_PER_HOUR, 3600):
        return CodeSent.LIMITED
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    draft.code_hash = _code_hash(draft, code)
    draft.code_sent_at = now
    draft.code_expires_at = now + timedelta(minutes=CODE_MINUTES)
    draft.code_attempts = 0
    draft.save(update_fields=["code_hash", "code_sent_at", "code_expires_at", "code_attempts", "updated_at"])
    try:
        _email(draft, "draft_code", {"code": code, "minutes": CODE_MINUTES})
    except Exception:
        logger.exception("Could not email a code for a saved intake form")
        return CodeSent.FAILED
    return CodeSent.SENT


def intake_draft_code_check(*, draft: IntakeDraft, code: str) -> tuple[CodeChecked, int]:
    """Try a code once: (outcome, wrong tries left). A right code is used up; CODE_TRIES wrong ones void it."""
    with transaction.atomic():
        locked = IntakeDraft.objects.select_for_update().get(pk=draft.pk)
        if not locked.code_hash:
            return CodeChecked.NONE, 0
        if locked.code_expires_at <= timezone.now():
            _code_clear(locked)
            return CodeChecked.EXPIRED, 0
        if constant_time_compare(_code_hash(locked, code), locked.code_hash):
            _code_clear(locked)
            return CodeChecked.RIGHT, 0
        locked.code_attempts += 1
        if locked.code_attempts >= CODE_TRIES:
            _code_clear(locked)
            return CodeChecked.VOID, 0
        locked.save(update_fields=["code_attempts", "updated_at"])
        return CodeChecked.WRONG, CODE_TRIES - locked.code_attempts


def _code_clear(draft: IntakeDraft) -> None:
    draft.code_hash = ""
    draft.code_expires_at = None
    draft.code_attempts = 0
    draft.save(update_fields=["code_hash", "code_expires_at", "code_attempts", "updated_at"])


def intake_draft_delete(*, draft_id: int) -> None:
    """The form was sent: its draft is not kept a moment longer."""
    IntakeDraft.objects.filter(pk=draft_id).delete()


def _email(draft: IntakeDraft, template: str, extra: dict) -> None:
    context = {"draft": draft, **extra, **clinic_details(None)}
    patient_mail_send(
        subject=render_to_string(f"consultations/email/{template}_subject.txt", context).strip(),
        body=render_to_string(f"consultations/email/{template}_body.txt", context),
        to=draft.email,
    )
