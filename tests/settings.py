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
if not REDIS_URL:  # noqa: F405
    # In-process caches instead of the database table: faster, and tests without a database can use them.
    CACHES = {  # noqa: F405
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "public": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"},
    }
