"""A clinic tablet handed to a patient: staff start it, the patient fills in the form and consents themselves, and
the tablet locks again.

Handing over signs the staff member out on the tablet, so the patient never holds a staff session; what is left is
a marker naming who handed it over. At the end (sent, stopped, or left too long) the session is flushed, so the
next person finds nothing of the last: no answers, no result, no staff session.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model, logout

from accounts.roles import is_staff_member

HANDOVER_KEY = "tablet_handover"  # {"by": staff user id, "at": seconds since the epoch}
SENT_KEY = "tablet_sent"  # {"reference": ..., "at": ...}: the form just sent on this tablet


def handover_start(request) -> None:
    """Sign the staff member out on this device and leave it ready for a patient."""
    staff_id = request.user.pk
    logout(request)
    request.session[HANDOVER_KEY] = {"by": staff_id, "at": int(time.time())}


def handover_staff(request):
    """Who handed this tablet over, while the hand-over is in use: each request on it counts as activity, and one
    left idle for TABLET_HANDOVER_SECONDS has ended. None otherwise, or once that person is no longer staff."""
    handover = request.session.get(HANDOVER_KEY)
    now = int(time.time())
    if not handover or now - handover["at"] > settings.TABLET_HANDOVER_SECONDS:
        return None
    staff = get_user_model().objects.filter(pk=handover["by"], is_active=True).first()
    if staff is None or not is_staff_member(staff):
        return None
    request.session[HANDOVER_KEY] = {**handover, "at": now}
    return staff


def handover_finish(request, reference: str) -> None:
    """The patient sent the form: the hand-over ends and the tablet may show this result, briefly."""
    request.session.flush()
    request.session[SENT_KEY] = {"reference": reference, "at": int(time.time())}


def sent_reference(request) -> str | None:
    """The reference just sent on this tablet, for TABLET_RESULT_SECONDS; None after that."""
    sent = request.session.get(SENT_KEY)
    if not sent or time.time() - sent["at"] > settings.TABLET_RESULT_SECONDS:
        return None
    return sent["reference"]


def tablet_lock(request) -> None:
    """End everything this device's session holds."""
    request.session.flush()


def on_tablet(request) -> bool:
    """This session is a tablet's (handed over, or showing a result sent on it), not someone's own browser."""
    return HANDOVER_KEY in request.session or SENT_KEY in request.session
