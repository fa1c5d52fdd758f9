"""How django-allauth fits this clinic: one notion of the client's address, and where each kind of user lands."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic.client_address import client_ip
from clinic.context_processors import clinic as clinic_details

# The rate-limit bucket for a request without an address (an in-process client): all such requests share it.
NO_ADDRESS = "unknown"


class ClinicAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # The same address as axes and the audit trail (TRUSTED_PROXY_COUNT), not allauth's own guess.
        return client_ip(request) or NO_ADDRESS

    def get_login_redirect_url(self, request) -> str:
        return reverse("accounts:landing")

    def send_mail(self, template_prefix, email, context):
        # The account emails sign with the clinic's name and contact details, as the consultation emails do, not
        # with the host name allauth would use without django.contrib.sites.
        super().send_mail(template_prefix, email, {**context, **clinic_details(None)})


class ClinicMFAAdapter(DefaultMFAAdapter):
    # allauth says only "Incorrect code." for a mistyped, an expired and an already used code alike; the last is
    # what staff meet signing in twice within 30 seconds (on a second device, or after being signed out).
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code did not work. Each code works once and changes every 30 seconds: enter the one your "
            "authenticator app shows now, or wait for the next."
        ),
    }


def login_tried(request, credentials) -> str | None:
    """The account a login attempt names, for django-axes' per-account lockout: allauth passes a username or an
    email address; the form's field is "login". Lower-cased, so "Staff" and "staff" count as one account."""
    credentials = credentials or {}
    tried = credentials.get("username") or credentials.get("email") or request.POST.get("login")
    return tried.strip().lower() if tried else None
