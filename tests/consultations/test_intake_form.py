"""Every validation rule of the intake form, in words a patient understands."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from hypothesis import given
from hypothesis.strategies import emails

from consultations.forms import EMAIL_SHAPE, IntakeForm
from consultations.rules import current_rules
from tests.consultations.factories import intake_data

pytestmark = pytest.mark.django_db


def form_for(**overrides):
    return IntakeForm(intake_data(**overrides), rules=current_rules())


def years_ago(years: int, days: int = 0) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - years) + datetime.timedelta(days=days)).isoformat()


def test_valid_form_gives_the_intake(catalogue):
    form = form_for()
    assert form.is_valid(), form.errors
    intake = form.intake()
    assert intake.concerns == (("glabella", "lines-when-moving", ""), ("cheeks", "volume-loss", "moderate"))
    assert ("blood-thinners", True, "Warfarin") in intake.screening
    assert intake.answers().precautions == frozenset({"blood-thinners"})


def test_form_asks_only_about_pairs_that_make_sense(catalogue):
    form = IntakeForm(rules=current_rules())
    assert [value for value, _ in form.fields["area-underarms"].choices] == ["sweating"]
    assert [value for value, _ in form.fields["area-jaw-muscle"].choices] == ["clenching"]
    assert "sweating" not in dict(form.fields["area-glabella"].choices)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Please tell us your name."),
        ("full_name", "   ", "Please tell us your name."),
        ("email", "not-an-email", "Enter your email address in full, for example name@example.com."),
        ("phone", "call me maybe", "Enter a phone number in digits"),
        ("date_of_birth", "23/04/banana", "Enter your date of birth as a date"),
        ("contact_method", "pigeon", "Select a valid choice."),
        ("area-glabella", ["sweating"], "That choice is not offered for this area."),
        ("consent", None, "Please tick the box to agree"),
        ("screening-pregnant", None, "Please answer yes or no."),
        ("screening-pregnant", "maybe", "Select a valid choice."),
        ("website", "http://spam.example", "Please leave this field empty."),
        ("earlier-botox-months", "soon", "Enter a number of months"),
        ("goals", "x" * 2001, "Ensure this value has at most 2000 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_beside_its_field(catalogue, field, value, message):
    form = form_for(**{field: value})
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors[field]


def test_under_18_is_refused_with_a_clear_message(catalogue):
    form = form_for(date_of_birth=years_ago(18, days=1))
    assert not form.is_valid()
    assert "you need to be 18 or over" in form.errors["date_of_birth"][0]


def test_exactly_18_today_is_accepted(catalogue):
    assert form_for(date_of_birth=years_ago(18)).is_valid()


def test_date_of_birth_in_the_future_is_refused(catalogue):
    form = form_for(date_of_birth=(timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    assert "cannot be in the future" in form.errors["date_of_birth"][0]


def test_at_least_one_concern_is_required(catalogue):
    form = form_for(**{"area-glabella": None, "area-cheeks": None})
    assert not form.is_valid()
    assert "Please choose at least one area" in form.non_field_errors()[0]


def test_phone_contact_needs_a_phone_number(catalogue):
    form = form_for(contact_method="phone", phone="")
    assert "Please give a phone number" in form.errors["phone"][0]


def test_earlier_treatment_needs_months(catalogue):
    form = form_for(**{"earlier-botox": "on"})
    assert "how many months ago" in form.errors["earlier-botox-months"][0]


def test_earlier_treatment_with_months_is_kept(catalogue):
    form = form_for(**{"earlier-botox": "on", "earlier-botox-months": "2", "earlier-botox-outcome": "Fine"})
    assert form.is_valid(), form.errors
    assert form.intake().earlier == (("botox", 2, "Fine"),)


def test_a_nul_byte_gets_a_form_error_not_a_crash(catalogue):
    form = form_for(full_name="Ada\x00Lovelace")
    assert not form.is_valid()
    assert "Null characters are not allowed." in form.errors["full_name"]


def test_a_precaution_added_by_an_admin_is_asked_without_code_change(catalogue):
    from treatments.models import Precaution

    Precaution.objects.create(
        slug="recent-vaccine",
        question="Have you had a vaccine in the last two weeks?",
        practitioner_note="Consider waiting.",
        patient_note="Tell your practitioner.",
        position=99,
    )
    form = IntakeForm(rules=current_rules())
    assert form.fields["screening-recent-vaccine"].label == "Have you had a vaccine in the last two weeks?"
    assert not form_for().is_valid()  # the new question must be answered


@pytest.mark.parametrize(
    "address",
    ["amelia.hart@example", "name@example.c", "name@", "@example.com", "name example@example.com", "a@b@example.com"],
)
def test_an_address_next_stops_is_one_the_server_refuses_too(address):
    assert not EMAIL_SHAPE.match(address)
    with pytest.raises(ValidationError):
        validate_email(address)


@given(address=emails())
def test_next_never_stops_an_address_the_server_takes(address):
    try:
        validate_email(address)
    except ValidationError:
        return
    assert EMAIL_SHAPE.match(address), address


@pytest.mark.parametrize("address", ["name@example.com", "o'brien+clinic@mail.example.co.uk", "zoe@münchen.example.de"])
def test_next_lets_an_ordinary_address_through(address):
    validate_email(address)
    assert EMAIL_SHAPE.match(address)
