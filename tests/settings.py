"""Test settings: the real settings with only speed knobs turned (hasher, email, static storage, plain HTTP)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "x" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the live server speak plain HTTP; production keeps HTTPS-only cookies and the redirect.
for _name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "false")

from clinic.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# The default cache (production: the database's cache table) in process memory: tests without a database can use it,
# and live-server tests, whose writes are not rolled back and whose flush skips that table, start from nothing. The
# served journeys (tests/journeys/) run the production caches. The public cache is Redis when REDIS_URL is set.
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
}
if not REDIS_URL:  # noqa: F405
    CACHES["public"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"}
