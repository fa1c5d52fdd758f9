"""Who may open which URL: one table, every named route, every role.

Each row is a route (as `reverse()` names it), a method, and the status each role should get. A role left out
of a row is not tried on it (the auth views only get an anonymous sanity check). A status may be a pair
(302, "/prefix"): a redirect whose Location starts with that prefix. `test_every_route_has_a_row` fails when
a URL is added to the app without a row here.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF
from consultations.drafts import intake_draft_save
from consultations.patient_data import claim_token
from tests.consultations.factories import make_consultation
from tests.consultations.people import make_user, sign_in

pytestmark = pytest.mark.django_db

ROLES = ("anon", "patient_a", "patient_b", "staff", "editor", "clinic_admin")

LOGIN = (302, "/accounts/login/?next=")  # sent to the site's login page
LANDING = (302, "/accounts/landing/")  # already signed in: on to their own home
ADMIN_LOGIN = (302, "/admin/login/?next=")  # sent to the admin's login page
STAFF_DETAIL = (302, "/staff/consultations/")  # a staff edit saved, back to the consultation
MY_CONSULTATION = (302, "/me/consultations/")  # a claim accepted, on to the claimed consultation
INTAKE = (302, "/consultation/")  # nothing saved or opened in this browser: on to the blank form
TABLET_LOCKED = (302, "/consultation/tablet/locked/")  # no tablet hand-over in this session

PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_ONLY = {"anon": LOGIN, "patient_a": 403, "patient_b": 403, "staff": 200, "editor": 403, "clinic_admin": 200}
PATIENT_ONLY = {"anon": LOGIN, "patient_a": 200, "patient_b": 200, "staff": 403, "editor": 403, "clinic_admin": 403}
ADMIN_SITE = {
    "anon": ADMIN_LOGIN,
    "patient_a": ADMIN_LOGIN,
    "patient_b": ADMIN_LOGIN,
    "staff": ADMIN_LOGIN,  # staff review in /staff/; they have no admin-site access (not is_staff)
    "editor": 200,
    "clinic_admin": 200,
}
LOGGED_IN_ONLY = {**dict.fromkeys(ROLES, 200), "anon": LOGIN}


def but(preset: dict, **changes) -> dict:
    return {**preset, **changes}


@dataclass(frozen=True)
class Fixture:
    """A URL argument filled in per test from the fixture of this name."""

    name: str


REF_A = Fixture("ref_a")  # reference of a consultation owned by patient A
REF_B = Fixture("ref_b")  # reference of a consultation owned by patient B
TOKEN_UNCLAIMED = Fixture("token_unclaimed")  # claim token for a consultation nobody holds yet
TOKEN_HELD_BY_A = Fixture("token_held_by_a")  # claim token for patient A's consultation
BOTOX = Fixture("botox")  # slug of a seeded, published treatment
DRAFT_LINK = Fixture("draft_link")  # the emailed token of a saved intake form


@dataclass(frozen=True)
class Row:
    route: str  # "namespace:name"
    method: str
    expect: dict
    kwargs: dict = field(default_factory=dict)
    data: dict | None = None
    label: str = ""  # tells apart two rows of one route
    path: str = ""  # a literal path, for a route that does not exist (yet)

    @property
    def key(self) -> str:
        return f"{self.route}-{self.label}" if self.label else self.route


STATUS_CHANGE = {"to_status": "in-review", "version": 1}

# fmt: off
ROWS = [
    # Public pages: everyone.
    Row("home", "GET", PUBLIC),
    Row("healthz", "GET", PUBLIC),
    Row("favicon", "GET", dict.fromkeys(ROLES, (301, "/static/img/favicon"))),
    Row("treatments:library", "GET", PUBLIC),
    Row("treatments:compare", "GET", PUBLIC),
    Row("treatments:detail", "GET", PUBLIC, kwargs={"slug": BOTOX}),
    Row("consultations:intake", "GET", PUBLIC),
    # A clinic tablet: its form and result open only after staff hand it over (tests/consultations/test_tablet.py).
    Row("consultations:tablet", "GET", dict.fromkeys(ROLES, TABLET_LOCKED)),
    Row("consultations:tablet-sent", "GET", dict.fromkeys(ROLES, TABLET_LOCKED)),
    Row("consultations:tablet-lock", "POST", dict.fromkeys(ROLES, TABLET_LOCKED)),
    Row("consultations:tablet-locked", "GET", PUBLIC),
    # Save and finish later: the link holder, whoever is signed in, is asked for the emailed code; the saved page
    # and the resumed form show only what this browser saved or opened with the code.
    Row("consultations:resume", "GET", PUBLIC, kwargs={"token": DRAFT_LINK}),
    Row("consultations:resume", "GET", dict.fromkeys(ROLES, 404), kwargs={"token": "not-a-token"}, label="bad-token"),
    Row("consultations:draft-saved", "GET", dict.fromkeys(ROLES, INTAKE)),
    Row("consultations:draft-continue", "GET", dict.fromkeys(ROLES, INTAKE)),
    # Only its owner reads a result by its address (and the browser that sent it, for a while); staff go to theirs.
    Row("consultations:result", "GET", but(dict.fromkeys(ROLES, 403), patient_a=200, staff=STAFF_DETAIL,
        clinic_admin=STAFF_DETAIL), kwargs={"reference": REF_A}),

    # Accounts (allauth): sign-in and sign-up are for visitors; the landing page sends each role to its own home.
    Row("account_login", "GET", but(dict.fromkeys(ROLES, LANDING), anon=200)),
    Row("account_signup", "GET", but(dict.fromkeys(ROLES, LANDING), anon=200)),
    Row("account_logout", "POST", dict.fromkeys(ROLES, (302, "/"))),
    Row("accounts:landing", "GET", {
        "anon": LOGIN,
        "patient_a": (302, "/me/"),
        "patient_b": (302, "/me/"),
        "staff": (302, "/staff/"),
        "editor": (302, "/admin/"),
        "clinic_admin": (302, "/staff/"),
    }),
    # Pages about one's own account: signed-in users only.
    Row("account_email", "GET", LOGGED_IN_ONLY),
    Row("account_change_password", "GET", LOGGED_IN_ONLY),
    Row("account_set_password", "GET", but(dict.fromkeys(ROLES, (302, "/accounts/password/change/")), anon=LOGIN)),
    Row("account_reauthenticate", "GET", LOGGED_IN_ONLY),
    Row("mfa_index", "GET", LOGGED_IN_ONLY),
    # Turning TOTP on or off asks for the password again first.
    Row("mfa_activate_totp", "GET", but(dict.fromkeys(ROLES, (302, "/accounts/reauthenticate/")), anon=LOGIN)),
    Row("mfa_deactivate_totp", "GET", but(dict.fromkeys(ROLES, (302, "/accounts/reauthenticate/")), anon=LOGIN,
        patient_a=404, patient_b=404)),
    Row("mfa_reauthenticate", "GET", but(dict.fromkeys(ROLES, 200), anon=LOGIN,
        patient_a=(302, "/accounts/reauthenticate/"), patient_b=(302, "/accounts/reauthenticate/"))),
    Row("mfa_view_recovery_codes", "GET", but(dict.fromkeys(ROLES, 404), anon=LOGIN)),
    Row("mfa_generate_recovery_codes", "GET", but(dict.fromkeys(ROLES, (302, "/accounts/reauthenticate/")),
        anon=LOGIN)),
    Row("mfa_download_recovery_codes", "GET", but(dict.fromkeys(ROLES, 404), anon=LOGIN)),
    # The second step of a sign-in: only in the middle of one.
    Row("mfa_authenticate", "GET", but(dict.fromkeys(ROLES, LANDING), anon=(302, "/accounts/login/"))),
    # Login by emailed code is off: its page sends everyone on. Re-authenticating by a code sent to one's own
    # address is for signed-in users only.
    Row("account_confirm_login_code", "GET", but(dict.fromkeys(ROLES, LANDING), anon=(302, "/accounts/login/"))),
    Row("account_request_reauthentication_code", "GET", LOGGED_IN_ONLY),
    Row("account_confirm_reauthentication_code", "GET", but(
        dict.fromkeys(ROLES, (302, "/accounts/reauthenticate/code/")), anon=LOGIN)),
    # Pages a visitor reaches from an email or in the middle of a flow: they show no account data.
    Row("account_inactive", "GET", {"anon": 200}),
    Row("account_email_verification_sent", "GET", {"anon": 200}),
    Row("account_confirm_email", "GET", {"anon": 200}, kwargs={"key": "not-a-key"}),
    Row("account_reset_password", "GET", {"anon": 200}),
    Row("account_reset_password_done", "GET", {"anon": 200}),
    Row("account_reset_password_from_key", "GET", {"anon": 200}, kwargs={"uidb36": "1", "key": "not-a-key"}),
    Row("account_reset_password_from_key_done", "GET", {"anon": 200}),

    # A patient's own pages: patients only, and only their own consultations.
    Row("me:home", "GET", PATIENT_ONLY),
    Row("me:export", "GET", PATIENT_ONLY),
    Row("me:delete", "GET", PATIENT_ONLY),
    Row("me:delete", "POST", but(PATIENT_ONLY, patient_a=(302, "/"), patient_b=(302, "/")), data={"confirm": "delete"}),
    Row("me:consultation", "GET", but(PATIENT_ONLY, patient_b=404), kwargs={"reference": REF_A}, label="of-a"),
    Row("me:consultation", "GET", but(PATIENT_ONLY, patient_a=404), kwargs={"reference": REF_B}, label="of-b"),
    # Claiming: a GET only asks; the POST takes it, for the account with the consultation's email (patient A's).
    Row("me:claim", "GET", but(PATIENT_ONLY, patient_b=403), kwargs={"token": TOKEN_UNCLAIMED}, label="unclaimed"),
    Row("me:claim", "POST", but(PATIENT_ONLY, patient_a=MY_CONSULTATION, patient_b=403),
        kwargs={"token": TOKEN_UNCLAIMED}, label="unclaimed"),
    Row("me:claim", "GET", but(PATIENT_ONLY, patient_a=MY_CONSULTATION, patient_b=403),
        kwargs={"token": TOKEN_HELD_BY_A}, label="held-by-a"),
    Row("me:claim", "GET", but(PATIENT_ONLY, patient_a=404, patient_b=404),
        kwargs={"token": "not-a-signed-token"}, label="bad-token"),

    # The staff workspace: Staff and Clinic admins only.
    Row("staff:queue", "GET", STAFF_ONLY),
    Row("staff:export-csv", "GET", STAFF_ONLY),
    Row("staff:questionnaire", "GET", STAFF_ONLY),
    # Taking a consultation with a patient: an empty form comes back with its errors, for staff only.
    Row("staff:intake", "GET", STAFF_ONLY),
    Row("staff:intake", "POST", STAFF_ONLY, data={"full_name": ""}),
    Row("staff:tablet-handover", "POST", but(STAFF_ONLY, staff=(302, "/consultation/tablet/"),
        clinic_admin=(302, "/consultation/tablet/"))),
    Row("staff:detail", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:print", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:fhir", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:note-add", "GET", but(STAFF_ONLY, staff=STAFF_DETAIL, clinic_admin=STAFF_DETAIL),
        kwargs={"reference": REF_A}),
    Row("staff:note-add", "POST", but(STAFF_ONLY, staff=STAFF_DETAIL, clinic_admin=STAFF_DETAIL),
        kwargs={"reference": REF_A}, data={"text": "Called the patient back."}),
    Row("staff:status", "POST", but(STAFF_ONLY, staff=STAFF_DETAIL, clinic_admin=STAFF_DETAIL),
        kwargs={"reference": REF_A}, data=STATUS_CHANGE),
    Row("staff:status", "POST", but(STAFF_ONLY, staff=409, clinic_admin=409),  # refused: someone saved since
        kwargs={"reference": REF_A}, data={**STATUS_CHANGE, "version": 99}, label="stale-version"),
    Row("staff:assign", "POST", but(STAFF_ONLY, staff=STAFF_DETAIL, clinic_admin=STAFF_DETAIL),
        kwargs={"reference": REF_A}, data={"assigned_to": "", "version": 1}),
    Row("staff:plan", "POST", but(STAFF_ONLY, staff=STAFF_DETAIL, clinic_admin=STAFF_DETAIL),
        kwargs={"reference": REF_A}, data={"items": ["botox:glabella"], "plan_notes": "Agreed.", "version": 1}),

    # The Django admin, sampled: Content editors and Clinic admins; each model needs its permission.
    Row("admin:index", "GET", ADMIN_SITE),
    Row("admin:treatments_treatment_changelist", "GET", ADMIN_SITE),
    Row("admin:audit_auditevent_changelist", "GET", but(ADMIN_SITE, editor=403)),
    Row("admin:auth_user_changelist", "GET", but(ADMIN_SITE, editor=403)),
    # Consultations are listed read-only in the admin, for Clinic admins; editors have no permission on them.
    Row("admin:consultations_consultation_changelist", "GET", but(ADMIN_SITE, editor=403)),
]
# fmt: on

# The admin's own login page, tried apart (the admin's routes are sampled, not listed): it hands over to the site's
# login, with its second factor, and refuses signed-in users who may not use the admin.
ADMIN_LOGIN_PAGE = {
    "anon": (302, "/accounts/login/?next="),
    "patient_a": 403,
    "patient_b": 403,
    "staff": 403,
    "editor": (302, "/admin/"),
    "clinic_admin": (302, "/admin/"),
}


# Roles.


@pytest.fixture
def anon():
    return None


@pytest.fixture
def patient_a(db):
    return make_user("patient-a", email="a@example.com")


@pytest.fixture
def patient_b(db):
    return make_user("patient-b", email="b@example.com")


@pytest.fixture
def staff(db):
    return make_user("staff", STAFF, email="staff@clinic.example")


@pytest.fixture
def editor(db):
    return make_user("editor", CONTENT_EDITORS, email="editor@clinic.example", is_staff=True)


@pytest.fixture
def clinic_admin(db):
    return make_user("clinic-admin", CLINIC_ADMINS, email="admin@clinic.example", is_staff=True, is_superuser=True)


# What the URLs point at.


def consultation_of(user):
    consultation = make_consultation()
    consultation.patient = user
    consultation.save(update_fields=["patient"])
    return consultation


@pytest.fixture
def botox(catalogue):
    return "botox"


@pytest.fixture
def consultation_a(catalogue, patient_a):
    return consultation_of(patient_a)


@pytest.fixture
def ref_a(consultation_a):
    return consultation_a.reference


@pytest.fixture
def ref_b(catalogue, patient_b):
    return consultation_of(patient_b).reference


@pytest.fixture
def draft_link(catalogue):
    intake_draft_save(email="a@example.com", answers={"goals": ["Soften my frown"]}, step=1)
    return re.search(r"/consultation/resume/([^/\s]+)/", mail.outbox[-1].body)[1]


@pytest.fixture
def token_unclaimed(catalogue):
    return claim_token(make_consultation(email="a@example.com"))  # patient A's address


@pytest.fixture
def token_held_by_a(consultation_a):
    return claim_token(consultation_a)


# The matrix.

CASES = [pytest.param(row, role, id=f"{role}:{row.key}-{row.method}") for row in ROWS for role in row.expect]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_access(request, client, row, role):
    user = request.getfixturevalue(role)
    if user is not None:
        sign_in(client, user)
    kwargs = {k: request.getfixturevalue(v.name) if isinstance(v, Fixture) else v for k, v in row.kwargs.items()}
    url = row.path or reverse(row.route, kwargs=kwargs)

    response = getattr(client, row.method.lower())(url, row.data or {})

    expected = row.expect[role]
    status, location = expected if isinstance(expected, tuple) else (expected, None)
    got = f"{row.method} {url} as {role}: {response.status_code} {response.get('Location', '')}".rstrip()
    assert response.status_code == status, got
    if location is not None:
        assert response["Location"].startswith(location), got


# The table covers every route.


def named_routes(patterns, namespace=""):
    """Every route as "namespace:name", skipping Django admin's own; unnamed routes come back as their pattern."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                yield f"<unnamed {pattern.pattern}>"
            else:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_has_a_row():
    found = set(named_routes(get_resolver().url_patterns))
    covered = {row.route for row in ROWS if not row.route.startswith("admin:")}
    assert found - covered == set(), "routes without a row in ROWS"
    assert covered - found == set(), "rows for routes that no longer exist"


def test_rows_name_only_known_roles():
    for row in ROWS:
        assert set(row.expect) <= set(ROLES), row.key


@pytest.mark.parametrize("role", ROLES)
def test_the_admins_login_page(request, client, role):
    user = request.getfixturevalue(role)
    if user is not None:
        sign_in(client, user)
    response = client.get("/admin/login/")
    expected = ADMIN_LOGIN_PAGE[role]
    status, location = expected if isinstance(expected, tuple) else (expected, None)
    assert response.status_code == status
    if location is not None:
        assert response["Location"].startswith(location)
