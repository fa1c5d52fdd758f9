"""The intake limit counts per client address per hour, in a cache every process shares (Redis in production)."""

import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from clinic.client_address import client_ip
from consultations.rate_limit import intake_submission_allowed

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    if os.environ.get("REDIS_URL"):
        return True  # configured: a failure to connect must fail the test, not skip it
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


redis_only = pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379 and REDIS_URL unset")
REDIS_CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
# Nothing listens on port 1: as the production settings configure it, the cache then answers with misses.
DEAD_REDIS_CACHES = {
    "default": {
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


@redis_only
def test_the_limit_holds_across_processes_with_redis(settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 2
    address = f"198.51.100.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:8]}"
    code = (
        "import django, os; django.setup();"
        "from consultations.rate_limit import intake_submission_allowed as allowed;"
        f"print(allowed({address!r}, now=7_200_000))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "REDIS_URL": REDIS_URL,
        "INTAKE_SUBMISSIONS_PER_HOUR": "2",
    }
    outputs = [
        subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert outputs == ["True", "True"]
    with override_settings(CACHES=REDIS_CACHES):
        caches["default"]  # noqa: B018 - opens the Redis-backed cache under the override
        assert intake_submission_allowed(address, now=7_200_000) is False


def test_with_redis_down_nobody_is_refused(settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    with override_settings(CACHES=DEAD_REDIS_CACHES):
        assert [intake_submission_allowed("192.0.2.9", now=1_000_000) for _ in range(3)] == [True, True, True]
