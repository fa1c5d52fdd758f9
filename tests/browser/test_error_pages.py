"""The refusal pages a visitor may meet, in the site's layout, with a way on: seen in Chromium at both widths."""

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.demo_site import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_patient_kept_out_of_the_staff_pages_sees_why_and_a_way_on(page, demo_site):
    log_in(page, demo_site, "patient")
    response = page.goto(demo_site + "/staff/")
    assert response.status == 403
    assert page.locator("header .navbar-brand").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "This page is not open to you"
    page.get_by_role("link", name="Go to your own page").click()
    page.wait_for_url("**/me/")
    page.go_back()
    screenshot(page, "403")
    assert axe_violations(page) == []


def test_too_many_sign_in_attempts_gives_the_clinics_phone_number(page, demo_site, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "1/900s/ip", "login": "1/900s/ip"}
    for _ in range(3):
        page.goto(demo_site + "/accounts/login/")
        page.fill("#id_login", "nobody")
        page.fill("#id_password", "wrong-password")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Too many attempts from your connection"
    assert page.locator("main a[href^='tel:']").count() == 1
    screenshot(page, "429")
    assert axe_violations(page) == []


def test_a_locked_result_says_how_to_see_it(page, demo_site):
    response = page.goto(demo_site + "/consultation/ABCD-EFGH-JKMN/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to see this consultation"
    screenshot(page, "result-locked")
    assert axe_violations(page) == []
