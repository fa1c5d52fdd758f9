"""The consent text patients agree to. Change the version whenever the words change; each consultation keeps it."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12-v2"

CONSENT_TEXT = _(
    "I agree that the clinic may store and use the health information in this form to prepare my consultation "
    "and to contact me about it. Only clinic staff involved in my care can see it. I can ask for a copy of my "
    "data at any time, and for it to be deleted; once the clinic has worked on my consultation, it is part of my "
    "health record, which the clinic keeps as the law allows."
)
