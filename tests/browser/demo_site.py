"""The demo site as `make run` seeds it, and signing in to it through the served pages."""

import pytest

from tests.sign_in_page import sign_in_page

PASSWORD = "clinic-demo-pass"  # noqa: S105 - the published demo password


@pytest.fixture
def demo_site(live_server, settings):
    """The catalogue, the five demo accounts and the twelve demo consultations; returns the site's address."""
    from accounts.demo import demo_accounts_create
    from consultations.demo import demo_consultations_create
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    settings.DEMO_MODE = True
    demo_accounts_create()
    assert demo_consultations_create() == 12
    return live_server.url


def reference_of(full_name: str) -> str:
    from consultations.models import Consultation

    return Consultation.objects.get(full_name=full_name).reference


def log_in(page, base_url: str, username: str) -> None:
    """Sign in through the real login pages, as a person would."""
    sign_in_page(page, base_url, username, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/" not in url)
