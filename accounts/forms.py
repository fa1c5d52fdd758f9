"""allauth's sign-up form with a word on which address to use."""

from allauth.account.forms import SignupForm
from django.utils.translation import gettext_lazy as _


class PatientSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Use the address you gave in your consultation form. To add a consultation to this account, open the "
            "link in the email we sent you after the form."
        )
