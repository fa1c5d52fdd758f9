"""allauth's sign-in and sign-up forms, in the clinic's words."""

from allauth.account.forms import LoginForm, SignupForm
from django.utils.translation import gettext_lazy as _


class PatientSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Use the address you gave in your consultation form. To add a consultation to this account, open the "
            "link in the email we sent you after the form."
        )


class ClinicLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth labels the field "Login", which reads as a button: say what goes in it.
        self.fields["login"].label = _("Email or username")
        self.fields["login"].widget.attrs["placeholder"] = _("Email or username")
