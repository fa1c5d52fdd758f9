"""The intake limit counts per client address per hour, in a database table every process shares."""

import json
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory, override_settings

from clinic.client_address import client_ip
from consultations.rate_limit import intake_submission_allowed

# Nothing listens on port 1: as the production settings configure it, the cache then answers with misses.
DEAD_REDIS_CACHES = {
    "public": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@pytest.mark.django_db
def test_the_limit_allows_up_to_the_setting_then_refuses(settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 3
    results = [intake_submission_allowed("192.0.2.1", now=1_000_000) for _ in range(4)]
    assert results == [True, True, True, False]


@pytest.mark.django_db
def test_a_new_hour_starts_a_new_count(settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    assert intake_submission_allowed("192.0.2.1", now=3600 * 10)
    assert not intake_submission_allowed("192.0.2.1", now=3600 * 10 + 5)
    assert intake_submission_allowed("192.0.2.1", now=3600 * 11)


def test_client_ip_uses_remote_addr_unless_proxies_are_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.8")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.8"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.7"


def test_security_counters_live_in_the_database_and_public_pages_in_redis():
    """allauth's per-address limits and the used one-time codes are in the database's cache table, shared by every
    process and untouched by a Redis outage; only the public pages' cache is Redis, where an outage is a miss."""
    code = "import json; from clinic import settings as s; print(json.dumps(s.CACHES))"
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_DEBUG": "false",
    }
    output = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    caches_configured = json.loads(output)
    assert caches_configured["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert caches_configured["public"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert caches_configured["public"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


@pytest.mark.django_db
def test_with_redis_down_the_intake_limit_still_counts(settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    with override_settings(CACHES={**settings.CACHES, **DEAD_REDIS_CACHES}):
        assert [intake_submission_allowed("192.0.2.9", now=1_000_000) for _ in range(2)] == [True, False]
