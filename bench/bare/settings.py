"""The bare Django project: one view, no middleware, no apps, no database, DEBUG off.

`bench.bare.settings_stack` puts the same view behind the MIDDLEWARE list `django-admin startproject` generates.
"""

import os

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "bench-bare-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True
