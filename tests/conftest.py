"""Fixtures shared by the whole suite: the seeded catalogue, users, and a real Chromium for browser tests."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches: no rules, pages or used codes left by another test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def catalogue(db):
    from treatments.seeding import catalogue_seed

    catalogue_seed()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@clinic.example", "a-long-test-password")


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in as a clinic admin is: with the second factor."""
    from tests.consultations.people import sign_in

    sign_in(client, admin_user)
    return client


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, chromium):
    context = chromium.new_context(viewport=request.param)
    page = context.new_page()
    page.viewport_name = request.node.callspec.id
    yield page
    context.close()
