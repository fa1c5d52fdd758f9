"""Save and finish later, the patient's side: save a draft, open it from the emailed link with a code, carry on.

The writes are consultations/drafts.py's. Every page here shows or leads to health data: none is cached.
"""

import logging
import uuid

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from clinic.client_address import client_ip
from consultations.drafts import (
    CODE_MINUTES,
    CodeChecked,
    CodeSent,
    DraftLinkNotSent,
    email_hint,
    intake_draft_code_check,
    intake_draft_code_send,
    intake_draft_delete,
    intake_draft_for_link,
    intake_draft_live,
    intake_draft_save,
)
from consultations.forms import DraftCodeForm, IntakeForm
from consultations.rate_limit import draft_code_check_allowed, draft_save_allowed, too_many_forms_message
from consultations.rules import current_rules

logger = logging.getLogger(__name__)

# The draft this browser saved or opened: saving again replaces it, sending the form deletes it.
SESSION_SAVED = "intake_draft_saved"
# The draft this browser opened with its code: only then does it show the answers.
SESSION_OPENED = "intake_draft_opened"
MAX_STEP = 20
# The button that asks for a code, on the link's page and beside the code.
SEND = "send_code"


def intake_save(request, form: IntakeForm):
    """The intake form sent with "Save and finish later" (the intake view hands it over)."""
    if not form.valid_for_saving():
        return render(request, "consultations/intake.html", {"form": form})
    if not draft_save_allowed(client_ip(request)):
        form.add_error(None, too_many_forms_message())
        return render(request, "consultations/intake.html", {"form": form}, status=429)
    try:
        draft = intake_draft_save(
            email=form.cleaned_data["email"],
            answers=form.answers_to_keep(),
            step=_step(request.POST.get("step")),
            draft_id=request.session.get(SESSION_SAVED),
        )
    except (DraftLinkNotSent, DatabaseError):
        form.add_error(
            None,
            _(
                "Not saved: we could not save your answers or email the link just now. Your answers are still "
                "here. Please try again in a minute."
            ),
        )
        return render(request, "consultations/intake.html", {"form": form}, status=503)
    request.session[SESSION_SAVED] = draft.pk
    request.session.pop(SESSION_OPENED, None)
    return redirect("consultations:draft-saved")


def _step(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_STEP)
    except (TypeError, ValueError):
        return 1


def intake_sent(request) -> None:
    """The form was sent from this browser: the draft it saved or opened goes."""
    draft_id = request.session.pop(SESSION_SAVED, None)
    request.session.pop(SESSION_OPENED, None)
    if draft_id is not None:
        intake_draft_delete(draft_id=draft_id)


@never_cache
def saved(request):
    draft = intake_draft_live(request.session.get(SESSION_SAVED))
    if draft is None:
        return redirect("consultations:intake")
    return render(request, "consultations/draft_saved.html", {"draft": draft, "email_hint": email_hint(draft.email)})


@never_cache
def resume(request, token):
    """The emailed link. Opening it sends nothing, since mail scanners open links too: the patient asks for a code,
    which goes to the draft's address, and the right code opens the draft in this browser."""
    draft = intake_draft_for_link(token)
    if draft is None:
        return render(request, "consultations/resume_invalid.html", status=404)
    if request.method != "POST":
        return render(request, "consultations/resume_start.html", {"email_hint": email_hint(draft.email)})
    if SEND in request.POST:
        return _code_send(request, draft)
    return _code_check(request, draft)


def _code_send(request, draft):
    sent = intake_draft_code_send(draft=draft)
    notice = {
        CodeSent.SENT: "",
        CodeSent.RECENT: _("We sent a code less than a minute ago: please use that one (check your spam folder too)."),
        CodeSent.LIMITED: _(
            "We have sent several codes for this form in the last hour. Use the latest, or ask for a "
            "new one in an hour."
        ),
        CodeSent.FAILED: _("We could not email a code just now. Please try again in a minute."),
    }[sent]
    return _code_page(request, draft, DraftCodeForm(), notice, status=503 if sent is CodeSent.FAILED else 200)


def _code_check(request, draft):
    form = DraftCodeForm(request.POST)
    if not draft_code_check_allowed(client_ip(request)):
        message = _("Too many tries from your connection. Please wait an hour, or call us on %(phone)s (%(hours)s).")
        form.add_error(None, message % {"phone": settings.CLINIC_PHONE, "hours": settings.CLINIC_OPENING_HOURS})
        return _code_page(request, draft, form, status=429)
    if form.is_valid():
        outcome, tries_left = intake_draft_code_check(draft=draft, code=form.cleaned_data["code"])
        if outcome is CodeChecked.RIGHT:
            request.session.cycle_key()
            request.session[SESSION_SAVED] = request.session[SESSION_OPENED] = draft.pk
            return redirect("consultations:draft-continue")
        form.add_error("code", _code_refusal(outcome, tries_left))
    return _code_page(request, draft, form)


def _code_refusal(outcome: CodeChecked, tries_left: int) -> str:
    if outcome is CodeChecked.WRONG:
        return ngettext(
            "That code is not right. You can try %(count)d more time.",
            "That code is not right. You can try %(count)d more times.",
            tries_left,
        ) % {"count": tries_left}
    if outcome is CodeChecked.EXPIRED:
        return _("That code has expired: a code works for %(minutes)d minutes. Send yourself a new code below.") % {
            "minutes": CODE_MINUTES
        }
    if outcome is CodeChecked.VOID:
        return _("That code is not right, and it no longer works after too many tries. Send yourself a new code below.")
    return _("That code no longer works. Send yourself a new code below.")


def _code_page(request, draft, form, notice: str = "", status: int = 200):
    context = {"form": form, "notice": notice, "email_hint": email_hint(draft.email), "minutes": CODE_MINUTES}
    return render(request, "consultations/resume_code.html", context, status=status)


@never_cache
def carry_on(request):
    """The form again, with the answers of the draft this browser opened with its code."""
    draft = intake_draft_live(request.session.get(SESSION_OPENED))
    if draft is None:
        return redirect("consultations:intake")
    form = IntakeForm.resumed(draft.answers, rules=current_rules(), initial={"submission_token": uuid.uuid4()})
    return render(request, "consultations/intake.html", {"form": form, "resumed": draft})
