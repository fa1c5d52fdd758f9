"""Security headers on every response, and no-store on every page with personal data."""

import pytest

from tests.consultations.factories import make_consultation
from tests.consultations.people import make_staff, make_user, sign_in

pytestmark = pytest.mark.django_db

REQUIRED_CSP = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def directives(policy: str) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip() for part in policy.split(";") if part.strip()}


PUBLIC_PATHS = [
    "/",
    "/treatments/",
    "/treatments/botox/",
    "/consultation/",
    "/accounts/login/",
    "/nowhere/",
    "/healthz",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_response_carries_the_security_headers(client, catalogue, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    for directive in REQUIRED_CSP:
        assert directive in policy
    found = directives(policy)
    for name in ("script-src", "style-src", "default-src"):
        assert "unsafe-inline" not in found.get(name, "") and "unsafe-eval" not in found.get(name, "")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions and "microphone=()" in permissions


def personal_pages():
    consultation = make_consultation()
    return consultation, [
        ("patient", f"/consultation/{consultation.reference}/"),
        ("anonymous", "/consultation/"),
        ("staff", "/staff/"),
        ("staff", f"/staff/consultations/{consultation.reference}/"),
        ("staff", f"/staff/consultations/{consultation.reference}/print/"),
        ("staff", f"/staff/consultations/{consultation.reference}/fhir.json"),
        ("staff", "/staff/export.csv"),
        ("patient", "/me/"),
        ("patient", f"/me/consultations/{consultation.reference}/"),
        ("patient", "/me/export.json"),
    ]


def test_pages_with_personal_data_are_never_cached(client, catalogue):
    staff, patient = make_staff(), make_user("pat")
    consultation, pages = personal_pages()
    consultation.patient = patient
    consultation.save(update_fields=["patient"])
    for who, path in pages:
        client.logout()
        if who != "anonymous":
            sign_in(client, staff if who == "staff" else patient)
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
