"""Forms on the staff detail page. Forms that replace a value carry the version the editor saw."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consultations import workflow
from consultations.consent import CONSENT_TEXT
from consultations.forms import IntakeForm
from consultations.models import Channel, Consultation
from staff.queue import reviewer_choices


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note before saving it.")},
    )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Three of these forms share the detail page: one id each ("id_statusform_version"), not "id_version" thrice.
        self.fields["version"].widget.attrs["id"] = f"id_{type(self).__name__.lower()}_version"


class StatusForm(VersionedForm):
    to_status = forms.ChoiceField(
        label=_("Move to"), choices=[], error_messages={"required": _("Choose the status to move it to.")}
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Consultation.Status.choices)
        # Offer only sensible moves; a tampered value fails here with Django's "valid choice" message.
        # No move is preselected: a press of the button without a choice must not move the consultation anywhere.
        moves = [(s, labels[s]) for s in workflow.allowed_next(consultation.status)]
        self.fields["to_status"].choices = [("", _("Choose…")), *moves]
        self.consultation = consultation

    def is_out_of_date(self) -> bool:
        """Whether it was sent from a page showing an older version: its choices were for a status since changed."""
        return self.data.get("version") != str(self.consultation.version)


class AssignForm(VersionedForm):
    assigned_to = forms.ChoiceField(label=_("Assigned to"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain choices: a ModelChoiceField would count and then fetch the users on every render.
        self.fields["assigned_to"].choices = [("", _("Nobody")), *reviewer_choices()]

    def clean_assigned_to(self):
        chosen = self.cleaned_data["assigned_to"]
        if not chosen:
            return None
        user = get_user_model().objects.filter(pk=chosen, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("That person can no longer be assigned consultations."))
        return user


class PlanForm(VersionedForm):
    items = forms.MultipleChoiceField(
        label=_("Treatments and areas agreed"), required=False, widget=forms.CheckboxSelectMultiple
    )
    no_treatment = forms.BooleanField(
        label=_("No treatment agreed"),
        required=False,
        help_text=_("Tick this when you and the patient agreed not to treat."),
    )
    plan_notes = forms.CharField(
        label=_("Plan notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, options: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = options

    def clean(self):
        """An empty plan is a decision, so it is said in so many words: one click on Save plan with nothing ticked
        must not record that the patient and practitioner agreed on no treatment."""
        cleaned = super().clean()
        items, none_agreed = cleaned.get("items"), cleaned.get("no_treatment")
        if "items" in cleaned and not items and not none_agreed:
            self.add_error("items", _("Tick the treatments agreed, or “No treatment agreed”."))
        if items and none_agreed:
            self.add_error("no_treatment", _("Untick “No treatment agreed”, or the treatments: not both."))
        return cleaned


class StaffIntakeForm(IntakeForm):
    """The patient's intake form, taken by staff at the desk or on the phone: the same questions and engine, in
    staff's voice, with how it was taken, and consent given by the patient to the staff member."""

    LEGENDS = {
        "about": _("About the patient"),
        "bothers": _("What bothers the patient?"),
        "earlier": _("The patient's earlier treatments"),
        "screening": _("Medical screening: ask the patient each question"),
        "consent": _("The patient's consent"),
    }
    SUBMIT_LABEL = _("Save and see the suggestion")
    OFFERS_SAVE_FOR_LATER = False  # staff finish a consultation with the patient there
    HELP = {
        "areas": _("Tick what applies in each area that bothers the patient. Leave the rest empty."),
        "earlier": _("Tick any treatment the patient has had before, even elsewhere."),
        "screening": _(
            "Ask each question. The answers help the practitioner keep the patient safe; a yes does not rule them out."
        ),
    }
    EARLIER_LABEL = _("The patient has had this treatment before: %(name)s")
    SUMMARY_HEADING = _("Please check the answers")
    NO_NAME_MESSAGE = _("Enter the patient's name.")
    NO_BIRTH_MESSAGE = _("Enter the patient's date of birth.")
    FUTURE_BIRTH_MESSAGE = _("The date of birth cannot be in the future.")
    BIRTH_YEAR_MESSAGE = _("Check the year of the patient's date of birth.")
    NO_PHONE_MESSAGE = _("Give the patient's phone number, or choose email as the way to contact them.")
    NO_AREA_MESSAGE = _(
        "Choose at least one area and what bothers the patient there, under “What bothers the patient?”."
    )
    UNDER_AGE_MESSAGE = _("The patient must be 18 or over. Nothing has been saved.")
    UNDER_AGE_ON_NEXT = _("The patient must be 18 or over.")
    UNDER_AGE_EXPLAINED = _(
        "The patient needs to be 18 or over for a consultation with us (in England, cosmetic injections are illegal "
        "under 18). Nothing has been saved."
    )

    # A patient on a clinic tablet fills in their own form (the queue's "Hand this tablet to a patient").
    channel = forms.ChoiceField(
        label=_("How are you taking it?"),
        # A choice of its own starts with a capital; the lower-case label is for sentences ("Entered by desk (on the
        # phone)").
        choices=[(c.value, capfirst(c.label)) for c in (Channel.PHONE, Channel.DESK)],
        widget=forms.RadioSelect,
        initial=Channel.PHONE,
    )

    def concern_label(self, concern) -> str:
        """The concern's name ("Lines when moving (dynamic lines)"): staff tick what the patient describes, and the
        patient's first-person words ("...when I move") would be the receptionist's."""
        return concern.name

    def __init__(self, *args, staff_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "I, %(name)s, have read the consent text to the patient (or they have read it), and they agreed to it: "
            "%(text)s"
        ) % {"name": staff_name, "text": CONSENT_TEXT}
        self.fields["consent"].error_messages["required"] = _("Tick this once the patient has agreed to the text.")
        self.fields["goals"].label = _("What would the patient like to achieve?")
        self.fields["goals"].help_text = _("In the patient's words, as far as you can.")
        self.fields["date_of_birth"].help_text = _("The patient must be 18 or over.")
        self.fields["phone"].help_text = _("Needed if the patient would like a phone call or a text message.")
        # Someone on the phone may have no email address: they are then contacted by phone or text.
        self.fields["email"].required = False
        self.fields["email"].help_text = _(
            "We send the patient their reference here. Leave it empty if they have none, and contact them by phone "
            "or text."
        )
        self.fields["contact_method"].label = _("How should we contact the patient?")
        for name, field in self.fields.items():
            if name.startswith("severity-"):
                area_name = self.fields["area-" + name.removeprefix("severity-")].label
                field.label = _("%(area)s: how much does it bother the patient?") % {"area": area_name}

    def about_fields(self) -> list[str]:
        return ["channel", *super().about_fields()]

    def clean(self):
        cleaned = super().clean()
        by_email = cleaned.get("contact_method") == Consultation.ContactMethod.EMAIL
        if by_email and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", _("Give the patient's email address, or choose phone or text as the way to contact them.")
            )
        return cleaned
