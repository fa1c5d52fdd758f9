"""The consultation intake form, built from the catalogue's rules so new areas and questions need no code."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, LayoutObject, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultations.consent import CONSENT_TEXT
from consultations.intake import Intake
from consultations.models import Consultation, ReportedConcern
from consultations.suggestions import Rules

MINIMUM_AGE = 18
# Older than this is taken for a mistyped year.
MAXIMUM_AGE = 120
UNDER_AGE = "under_age"
NO_AREA = "no_area"
# Also checked by the stepped form's Next (data-format): keep it a pattern JavaScript reads the same way.
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{6,25}$")
# An email address's shape, looser than the server's own check and never stricter: name@domain.tld. Next checks it
# (data-format), so an address without its ".com" is caught on the first step rather than after the last.
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}\.?$")
# A part's help line, in the form's own voice (the form's HELP).
PART_HELP = '<p class="small text-body-secondary">{{ form.HELP.%s }}</p>'
# What "save and finish later" never keeps: the tokens, the honeypot, and consent (given when the form is sent).
NOT_KEPT_IN_DRAFT = {"submission_token", "website", "consent"}
DRAFT_VALUES_PER_FIELD = 50
DRAFT_VALUE_MAX_CHARS = 2000


class Heading(LayoutObject):
    """A heading from catalogue text. Unlike crispy's HTML(), it is never run as a template: admins type it."""

    def __init__(self, text: str):
        self.text = text
        self.fields = []  # holds no field (crispy walks every layout object for its fields)

    def render(self, form, context, template_pack=None, **kwargs):
        return format_html('<h2 class="h5 mt-4">{}</h2>', self.text)


class SaveForLater(LayoutObject):
    """The "Save and finish later" button: it sends the form with save_draft, which needs only the email address."""

    def __init__(self):
        self.fields = []

    def render(self, form, context, template_pack=None, **kwargs):
        days = settings.INTAKE_DRAFT_DAYS
        return format_html(
            '<button type="submit" name="save_draft" value="1" class="btn btn-outline-primary btn-lg"'
            ' aria-describedby="save-draft-help">{}</button>'
            '<p id="save-draft-help" class="small text-body-secondary w-100 mb-0">{}</p>',
            _("Save and finish later"),
            ngettext(
                "Needs only your email address: we email you a link, and keep your answers for %(days)d day.",
                "Needs only your email address: we email you a link, and keep your answers for %(days)d days.",
                days,
            )
            % {"days": days},
        )


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class IntakeForm(forms.Form):
    # The form speaks to the patient; the staff form (staff/forms.py) speaks to staff about the patient.
    LEGENDS = {
        "about": _("About you"),
        "bothers": _("What bothers you"),
        "earlier": _("Earlier treatments"),
        "screening": _("Medical screening"),
        "consent": _("Consent"),
    }
    SUBMIT_LABEL = _("See what to discuss")
    OFFERS_SAVE_FOR_LATER = True
    # The page lists every error above the form (_error_summary.html), so crispy's own box is left out.
    HAS_ERROR_SUMMARY = True
    HELP = {
        "areas": _("Tick what applies in each area that bothers you. Leave the rest empty."),
        "earlier": _("Tick any treatment you have had before, even elsewhere."),
        "screening": _("These answers help the practitioner keep you safe. A yes does not rule you out."),
    }
    EARLIER_LABEL = _("I have had this treatment before: %(name)s")
    SUMMARY_HEADING = _("Please check your answers")
    NO_NAME_MESSAGE = _("Please tell us your name.")
    NO_BIRTH_MESSAGE = _("Please give your date of birth.")
    FUTURE_BIRTH_MESSAGE = _("Your date of birth cannot be in the future.")
    BIRTH_YEAR_MESSAGE = _("Please check the year of your date of birth.")
    NO_PHONE_MESSAGE = _("Please give a phone number, or choose email as the way to contact you.")
    EMAIL_FORMAT_MESSAGE = _("Enter your email address in full, for example name@example.com.")
    PHONE_FORMAT_MESSAGE = _(
        "Enter a phone number in digits: spaces, brackets and dashes are fine, and a + only at the start."
    )
    NO_MONTHS_MESSAGE = _("Please say roughly how many months ago, or untick the box above.")
    NO_AREA_MESSAGE = _("Please choose at least one area and what bothers you there, under “What bothers you”.")
    UNDER_AGE_MESSAGE = _(
        "Sorry, we can only see adults: you need to be 18 or over. Nothing you entered has been saved."
    )
    # What Next says before anything is sent (and a resumed draft is saved): the refusal without "nothing saved".
    UNDER_AGE_ON_NEXT = _("Sorry, we can only see adults: you need to be 18 or over.")
    # The box above the form: what the refusal means, and that nothing was kept.
    UNDER_AGE_EXPLAINED = _(
        "You need to be 18 or over for a consultation with us (in England, cosmetic injections are illegal under "
        "18). Nothing you entered has been saved."
    )

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send your reference here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": EMAIL_FORMAT_MESSAGE},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Needed if you would like a phone call or a text message."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        help_text=_("You need to be 18 or over."),
        error_messages={"invalid": _("Enter your date of birth as a date, for example 1985-04-23.")},
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Consultation.ContactMethod.choices,
        widget=forms.RadioSelect,
        initial=Consultation.ContactMethod.EMAIL,
    )
    goals = forms.CharField(
        label=_("What would you like to achieve?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In your own words, for example: look less tired, soften my frown lines."),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please tick the box to agree, so we can look at your answers.")},
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, rules: Rules, shared_device: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        # An empty name, or one of spaces only, gets the same words as any other missing name.
        self.fields["full_name"].error_messages["required"] = self.NO_NAME_MESSAGE
        self.fields["date_of_birth"].error_messages["required"] = self.NO_BIRTH_MESSAGE
        # Words for the stepped form's Next (static/js/intake-steps.js), which checks these before the server does.
        self.fields["phone"].widget.attrs.update(
            {
                "data-needed-message": self.NO_PHONE_MESSAGE,
                "data-format": PHONE_PATTERN.pattern,
                "data-format-message": self.PHONE_FORMAT_MESSAGE,
            }
        )
        self.fields["email"].widget.attrs.update(
            {"data-format": EMAIL_SHAPE.pattern, "data-format-message": self.EMAIL_FORMAT_MESSAGE}
        )
        self.fields["date_of_birth"].widget.attrs.update(
            {
                "data-minimum-age": MINIMUM_AGE,
                "data-under-age-message": self.UNDER_AGE_ON_NEXT,
                "data-maximum-age": MAXIMUM_AGE,
                "data-year-message": self.BIRTH_YEAR_MESSAGE,
                "data-future-message": self.FUTURE_BIRTH_MESSAGE,
            }
        )
        self.area_fields: list[tuple[str, list[tuple[str, str]]]] = []
        self._add_concern_fields()
        self._add_earlier_fields()
        self._add_screening_fields()
        # Not on a clinic tablet: the patient is here, and the next one must find nothing saved.
        self.offers_save_for_later = self.OFFERS_SAVE_FOR_LATER and not shared_device
        if shared_device:
            # On a clinic tablet the browser must not offer the next patient this one's name, email or phone.
            for field in self.fields.values():
                field.widget.attrs["autocomplete"] = "off"

    # Fields built from the rules -----------------------------------------------------------------

    def concern_label(self, concern) -> str:
        """A concern as a tick box says it: in the patient's own words ("Lines that show when I move")."""
        return concern.patient_wording

    def _add_concern_fields(self):
        pairs = self.rules.sensible_pairs()
        regions: dict[str, list] = {}
        for area in self.rules.areas:
            choices = [(c.slug, self.concern_label(c)) for c in self.rules.concerns if (area.slug, c.slug) in pairs]
            if not choices:
                continue
            self.fields[f"area-{area.slug}"] = forms.MultipleChoiceField(
                label=area.name,
                # Help text is shown as HTML: an editor's description is text.
                help_text=escape(area.description),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _("That choice is not offered for this area. Please pick from the list.")
                },
            )
            self.fields[f"severity-{area.slug}"] = forms.ChoiceField(
                label=_("%(area)s: how much does it bother you?") % {"area": area.name},
                choices=[("", _("Choose (optional)")), *ReportedConcern.Severity.choices],
                required=False,
            )
            regions.setdefault(area.region_name, []).append(area.slug)
        self.area_fields = list(regions.items())

    def _add_earlier_fields(self):
        for treatment in self.rules.treatments:
            self.fields[f"earlier-{treatment.slug}"] = forms.BooleanField(
                label=self.EARLIER_LABEL % {"name": treatment.name}, required=False
            )
            self.fields[f"earlier-{treatment.slug}-months"] = forms.IntegerField(
                label=_("About how many months ago? (%(name)s)") % {"name": treatment.name},
                required=False,
                min_value=0,
                max_value=600,
                error_messages={"invalid": _("Enter a number of months, for example 6.")},
                # For Next (static/js/intake-steps.js): needed once the box above is ticked.
                widget=forms.NumberInput(
                    attrs={
                        "data-needed-with": f"earlier-{treatment.slug}",
                        "data-needed-message": self.NO_MONTHS_MESSAGE,
                    }
                ),
            )
            self.fields[f"earlier-{treatment.slug}-outcome"] = forms.CharField(
                label=_("How did it go? (%(name)s)") % {"name": treatment.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def _add_screening_fields(self):
        for precaution in self.rules.precautions:
            self.fields[f"screening-{precaution.slug}"] = forms.ChoiceField(
                label=precaution.question,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Please answer yes or no.")},
            )
            self.fields[f"screening-{precaution.slug}-detail"] = forms.CharField(
                label=precaution.detail_prompt or _("Details (optional)"),
                required=False,
                max_length=500,
            )

    @cached_property
    def helper(self) -> FormHelper:
        """The page's layout, built when the form is first rendered: a form that is sent and saved never needs it."""
        helper = FormHelper()
        helper.form_tag = False
        # The template writes the CSRF token outside the cached blank form: a token in the cached copy would be
        # the first visitor's, sent by everyone after them.
        helper.disable_csrf = True
        region_blocks = []
        for region_name, area_slugs in self.area_fields:
            region_blocks.append(Heading(region_name))
            areas = [
                Div(
                    Div(f"area-{slug}", f"severity-{slug}", css_class="area-group", css_id=f"area-{slug}"),
                    css_class="col-md-6",
                )
                for slug in area_slugs
            ]
            region_blocks.append(Div(*areas, css_class="row g-3"))
        earlier = [
            Div(f"earlier-{t.slug}", f"earlier-{t.slug}-months", f"earlier-{t.slug}-outcome", css_class="earlier-group")
            for t in self.rules.treatments
        ]
        screening = [
            Div(f"screening-{p.slug}", f"screening-{p.slug}-detail", css_class="screening-group")
            for p in self.rules.precautions
        ]
        helper.layout = Layout(
            Fieldset(self.LEGENDS["about"], *self.about_fields()),
            Fieldset(
                self.LEGENDS["bothers"],
                HTML('{% include "consultations/_chart.html" %}'),
                *region_blocks,
                Div("goals", css_class="mt-4"),
                css_id="what-bothers-you",
                data_none_message=self.NO_AREA_MESSAGE,
            ),
            Fieldset(self.LEGENDS["earlier"], HTML(PART_HELP % "earlier"), *earlier),
            Fieldset(self.LEGENDS["screening"], HTML(PART_HELP % "screening"), *screening),
            Fieldset(self.LEGENDS["consent"], "consent"),
            Div("website", css_class="hp-field", aria_hidden="true"),
            # The send button first: Enter in a text box presses the form's first submit button.
            Div(
                Submit("submit", self.SUBMIT_LABEL, css_class="btn-lg"),
                *([SaveForLater()] if self.offers_save_for_later else []),
                css_class="intake-actions d-flex flex-wrap align-items-center gap-2",
            ),
        )
        return helper

    @property
    def under_age(self) -> bool:
        return any(error.code == UNDER_AGE for error in self.errors.as_data().get("date_of_birth", []))

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(id to link to, question or "", message) for every error, in the order the page asks: an error about a
        whole part of the form (no area chosen) after the questions about the patient, where that part starts. The
        under-18 refusal is not among them: it is no answer to correct."""
        errors = self.errors.as_data()
        whole_form = [
            ("what-bothers-you" if error.code == NO_AREA else "", "", message)
            for error in errors.get(NON_FIELD_ERRORS, [])
            for message in error.messages
        ]
        about, rest = [], []
        on_the_page = [pointer.name for pointer in self.helper.layout.get_field_names()]
        # Then fields outside the layout (the hidden submission token), so no error goes unsaid.
        for name in dict.fromkeys([*on_the_page, *self.fields]):
            messages = [m for e in errors.get(name, []) if e.code != UNDER_AGE for m in e.messages]
            if not messages:
                continue
            field = self[name]
            # A group of radio buttons or tick boxes is reached through its first one.
            input_type = getattr(field.field.widget, "input_type", "")
            grouped = input_type == "radio" or (input_type == "checkbox" and getattr(field.field, "choices", None))
            anchor = field.auto_id + ("_0" if grouped else "")
            # Whole words: a long screening question cut mid-word read as nonsense.
            question = Truncator(str(field.label)).words(14)
            (about if name in self.about_fields() else rest).extend((anchor, question, m) for m in messages)
        return about + whole_form + rest

    def about_fields(self) -> list[str]:
        return ["full_name", "email", "phone", "date_of_birth", "contact_method"]

    # Save and finish later ------------------------------------------------------------------------

    @classmethod
    def resumed(cls, answers: dict, *, rules: Rules, **kwargs) -> "IntakeForm":
        """A fresh form showing a draft's answers; a field the catalogue no longer has is left out."""
        form = cls(rules=rules, **kwargs)
        for name, values in answers.items():
            field = form.fields.get(name)
            if field is None or name in NOT_KEPT_IN_DRAFT or not values:
                continue
            form.initial[name] = values if isinstance(field, forms.MultipleChoiceField) else values[0]
        return form

    def valid_for_saving(self) -> bool:
        """Whether the answers may be saved for later: that needs a valid email address and nothing else, so the
        errors of unfinished answers are dropped. An under-18 date of birth is refused as when sending, and the
        honeypot as ever."""
        self.is_valid()
        email_ok = "email" not in self.errors
        under_age = [e for e in self.errors.as_data().get("date_of_birth", []) if e.code == UNDER_AGE]
        honeypot = self.errors.as_data().get("website", [])
        self.errors.clear()
        if not email_ok:
            self.add_error(
                "email",
                _(
                    "To save your answers for later, enter your email address (for example name@example.com). "
                    "We send the link there."
                ),
            )
        for name, errors in (("date_of_birth", under_age), ("website", honeypot)):
            if errors:
                self.add_error(name, forms.ValidationError(errors))
        return not self.errors

    def answers_to_keep(self) -> dict[str, list[str]]:
        """The answers as posted, for a draft: this form's own fields only, never NOT_KEPT_IN_DRAFT, and bounded."""
        kept = {}
        for name in self.fields:
            values = [value[:DRAFT_VALUE_MAX_CHARS] for value in self.data.getlist(name)[:DRAFT_VALUES_PER_FIELD]]
            if name not in NOT_KEPT_IN_DRAFT and any(values):
                kept[name] = values
        return kept

    # Validation ---------------------------------------------------------------------------------

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(self.NO_NAME_MESSAGE)
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(self.PHONE_FORMAT_MESSAGE)
        return phone

    def clean_date_of_birth(self):
        birth = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if birth > today:
            raise forms.ValidationError(self.FUTURE_BIRTH_MESSAGE)
        if age_on(birth, today) > MAXIMUM_AGE:
            raise forms.ValidationError(self.BIRTH_YEAR_MESSAGE)
        if age_on(birth, today) < MINIMUM_AGE:
            raise forms.ValidationError(self.UNDER_AGE_MESSAGE, code=UNDER_AGE)
        return birth

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"area-{slug}") for _, slugs in self.area_fields for slug in slugs):
            self.add_error(
                None,
                forms.ValidationError(self.NO_AREA_MESSAGE, code=NO_AREA),
            )
        if (
            cleaned.get("contact_method") in {"phone", "text"}
            and not cleaned.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error("phone", self.NO_PHONE_MESSAGE)
        for treatment in self.rules.treatments:
            months = f"earlier-{treatment.slug}-months"
            if cleaned.get(f"earlier-{treatment.slug}") and cleaned.get(months) is None and months not in self.errors:
                self.add_error(months, self.NO_MONTHS_MESSAGE)
        return cleaned

    def intake(self) -> Intake:
        data = self.cleaned_data
        concerns = tuple(
            (slug, concern, data.get(f"severity-{slug}", ""))
            for _, slugs in self.area_fields
            for slug in slugs
            for concern in dict.fromkeys(data.get(f"area-{slug}", []))  # a tampered POST may repeat a value
        )
        earlier = tuple(
            (t.slug, data[f"earlier-{t.slug}-months"], data.get(f"earlier-{t.slug}-outcome", ""))
            for t in self.rules.treatments
            if data.get(f"earlier-{t.slug}")
        )
        screening = tuple(
            (p.slug, data[f"screening-{p.slug}"] == "yes", data.get(f"screening-{p.slug}-detail", ""))
            for p in self.rules.precautions
        )
        return Intake(
            submission_token=data["submission_token"],
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            date_of_birth=data["date_of_birth"],
            contact_method=data["contact_method"],
            goals=data["goals"].strip(),
            concerns=concerns,
            earlier=earlier,
            screening=screening,
        )


class DraftCodeForm(forms.Form):
    """The one-time code that opens a saved form."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code from the email.")},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(_("Enter the 6 digits from the email, for example 123456."))
        return code
