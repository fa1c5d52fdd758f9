"""Who may open which URL: one table, every named route, every role.

Each row is a route (as `reverse()` names it), a method, and the status each role should get. A role left out
of a row is not tried on it (the auth views only get an anonymous sanity check). A status may be a pair
(302, "/prefix"): a redirect whose Location starts with that prefix. `test_every_route_has_a_row` fails when
a URL is added to the app without a row here.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import CLINIC_ADMINS, CONTENT_EDITORS, STAFF
from consultations.patient_data import claim_token
from tests.consultations.factories import make_consultation

pytestmark = pytest.mark.django_db

ROLES = ("anon", "patient_a", "patient_b", "staff", "editor", "clinic_admin")

LOGIN = (302, "/accounts/login/?next=")  # sent to the site's login page
ADMIN_LOGIN = (302, "/admin/login/?next=")  # sent to the admin's login page
STAFF_DETAIL = (302, "/staff/consultations/")  # a staff edit saved, back to the consultation
MY_CONSULTATION = (302, "/me/consultations/")  # a claim accepted, on to the claimed consultation

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
    # Only its owner reads a result by its address (and the browser that sent it, for a while); staff go to theirs.
    Row("consultations:result", "GET", but(dict.fromkeys(ROLES, 403), patient_a=200, staff=STAFF_DETAIL,
        clinic_admin=STAFF_DETAIL), kwargs={"reference": REF_A}),

    # Accounts: sign-up is for visitors; the landing page sends each role to its own home.
    Row("accounts:signup", "GET", but(dict.fromkeys(ROLES, (302, "/accounts/landing/")), anon=200)),
    Row("accounts:landing", "GET", {
        "anon": LOGIN,
        "patient_a": (302, "/me/"),
        "patient_b": (302, "/me/"),
        "staff": (302, "/staff/"),
        "editor": (302, "/admin/"),
        "clinic_admin": (302, "/staff/"),
    }),

    # Django's auth views (AUTH_VIEWS below): an anonymous sanity check, plus the logged-in-only ones for all.
    Row("login", "GET", {"anon": 200}),
    Row("logout", "POST", dict.fromkeys(ROLES, (302, "/"))),
    Row("password_change", "GET", LOGGED_IN_ONLY),
    Row("password_change_done", "GET", LOGGED_IN_ONLY),
    Row("password_reset", "GET", {"anon": 200}),
    Row("password_reset_done", "GET", {"anon": 200}),
    Row("password_reset_confirm", "GET", {"anon": 200}, kwargs={"uidb64": "MQ", "token": "not-a-token"}),
    Row("password_reset_complete", "GET", {"anon": 200}),

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
    Row("staff:detail", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:print", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:fhir", "GET", STAFF_ONLY, kwargs={"reference": REF_A}),
    Row("staff:note-add", "GET", but(STAFF_ONLY, staff=405, clinic_admin=405), kwargs={"reference": REF_A}),
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

# Django's auth views under /accounts/, kept un-namespaced; each has a row above.
AUTH_VIEWS = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


# Roles.


@pytest.fixture
def anon():
    return None


@pytest.fixture
def patient_a(django_user_model):
    return django_user_model.objects.create_user("patient-a", "a@example.com", "a-long-test-password")


@pytest.fixture
def patient_b(django_user_model):
    return django_user_model.objects.create_user("patient-b", "b@example.com", "a-long-test-password")


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("staff", "staff@clinic.example", "a-long-test-password")
    user.groups.add(Group.objects.get(name=STAFF))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@clinic.example", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


@pytest.fixture
def clinic_admin(django_user_model):
    user = django_user_model.objects.create_user(
        "clinic-admin", "admin@clinic.example", "a-long-test-password", is_staff=True, is_superuser=True
    )
    user.groups.add(Group.objects.get(name=CLINIC_ADMINS))
    return user


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
        client.force_login(user)
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
    assert found >= AUTH_VIEWS, "the auth views listed here are no longer all routed"
    assert found - covered == set(), "routes without a row in ROWS"
    assert covered - found == set(), "rows for routes that no longer exist"


def test_rows_name_only_known_roles():
    for row in ROWS:
        assert set(row.expect) <= set(ROLES), row.key
