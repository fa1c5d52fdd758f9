"""Production settings pass Django's deployment checklist, and HTTPS settings follow the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def production(**env) -> dict:
    """The environment of a production start, with `env` on top."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "clinic.example",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }


def run_check(**env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_check(DJANGO_DEBUG="False")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_when_https_protections_are_switched_off():
    result = run_check(DJANGO_DEBUG="False", DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr or "security.W004" in result.stdout + result.stderr


def test_a_weak_secret_key_stops_production_start_up():
    result = run_check(DJANGO_DEBUG="False", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a random string" in result.stderr


def settings_value(name: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, env=production(**env), capture_output=True, text=True, check=True
    ).stdout.strip()


def test_under_https_the_cookies_carry_the_host_prefix():
    assert settings_value("SESSION_COOKIE_NAME") == "__Host-sessionid"
    assert settings_value("CSRF_COOKIE_NAME") == "__Host-csrftoken"
    plain = {"DJANGO_SESSION_COOKIE_SECURE": "false", "DJANGO_CSRF_COOKIE_SECURE": "false"}
    assert settings_value("SESSION_COOKIE_NAME", **plain) == "sessionid"
    assert settings_value("CSRF_COOKIE_NAME", **plain) == "csrftoken"
