"""Staff take a consultation on the phone, and hand a clinic tablet to a patient, in Chromium at both widths."""

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.demo_site import log_in
from tests.browser.stepped_form import next_step
from tests.consultations.factories import PRECAUTION_SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_the_questions(page, full_name: str, email: str) -> None:
    """What a patient says: frown lines when moving, hollow cheeks, no precautions; step by step where the form
    has steps (the patient's own, on a tablet), all on one page where it has none (staff's)."""
    stepped = page.locator("form.intake-form [data-step-next]").count() > 0
    page.fill("#id_full_name", full_name)
    page.fill("#id_email", email)
    page.fill("#id_date_of_birth", "1985-04-23")
    if stepped:
        next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    page.check('input[name="area-cheeks"][value="volume-loss"]')
    if stepped:
        next_step(page)
        next_step(page)
    for slug in PRECAUTION_SLUGS:
        page.check(f'input[name="screening-{slug}"][value="no"]')
    if stepped:
        next_step(page)
    page.check("#id_consent")


def test_staff_take_a_phone_consultation_and_land_on_its_record(page, demo_site):
    log_in(page, demo_site, "staff")
    page.get_by_role("link", name="New consultation for a patient").click()
    page.wait_for_url("**/staff/consultations/new/")
    assert page.get_by_role("heading", level=1).inner_text() == "New consultation for a patient"
    assert page.get_by_text("What bothers the patient?").count() >= 1
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save and see the suggestion").click()  # nothing answered yet
    page.wait_for_selector("#error-summary")
    page.wait_for_load_state()  # the deferred scripts have run: the steps are set and the focus moved
    assert page.evaluate("() => document.activeElement.id") == "error-summary"  # where the keyboard starts
    summary = page.locator("#error-summary").inner_text()
    assert "Date of birth: Enter the patient's date of birth." in summary and "This field is required" not in summary
    screenshot(page, "staff-intake-errors")
    assert axe_violations(page) == []

    page.check('input[name="channel"][value="phone"]')
    answer_the_questions(page, "Ada Lovelace", "ada@example.com")
    screenshot(page, "staff-intake-filled")
    page.get_by_role("button", name="Save and see the suggestion").click()
    page.wait_for_url("**/staff/consultations/*-*-*/")
    assert "Entered by staff (on the phone)" in page.locator("main").inner_text()
    assert page.locator('[data-treatment="botox"]').count() == 1
    screenshot(page, "staff-intake-record")


def test_a_tablet_handed_to_a_patient_locks_after_they_finish_and_keeps_nothing(page, demo_site):
    refused = []  # what the Content-Security-Policy blocks shows as a console error
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, demo_site, "staff")
    page.get_by_role("button", name="Hand this tablet to a patient").click()
    page.wait_for_url("**/consultation/tablet/")
    assert page.locator("[data-tablet-notice]").is_visible()
    assert page.locator("form.intake-form button[name=save_draft]").count() == 0  # nothing saved on a shared tablet
    assert page.get_by_role("link", name="Staff queue").count() == 0  # no staff session, no site menu
    assert axe_violations(page) == []
    screenshot(page, "tablet-form")

    answer_the_questions(page, "Grace Hopper", "grace@example.com")
    page.get_by_role("button", name="See what to discuss").click()
    page.wait_for_url("**/consultation/tablet/sent/")
    assert page.locator('[data-treatment="botox"]').count() == 1
    assert axe_violations(page) == []
    screenshot(page, "tablet-sent")

    page.get_by_role("button", name="I have finished: lock the tablet").click()
    page.wait_for_url("**/consultation/tablet/locked/")
    assert page.get_by_role("heading", level=1).inner_text() == "This tablet is locked"
    assert axe_violations(page) == []
    screenshot(page, "tablet-locked")

    # The next person presses Back: nothing of Grace's comes back.
    page.go_back()
    page.wait_for_load_state()
    assert "Grace" not in page.content() and page.url.endswith("/consultation/tablet/locked/")
    response = page.goto(demo_site + "/staff/")
    assert "/accounts/login/" in page.url and response.status == 200
    assert refused == []


def test_a_tablet_form_left_untouched_locks_itself(page, demo_site, settings):
    settings.TABLET_HANDOVER_SECONDS = 3
    log_in(page, demo_site, "staff")
    page.get_by_role("button", name="Hand this tablet to a patient").click()
    page.wait_for_url("**/consultation/tablet/")
    page.fill("#id_full_name", "Grace Hopper")
    page.wait_for_url("**/consultation/tablet/locked/", timeout=10_000)  # the patient walked away
    assert "Grace" not in page.content()


def test_a_patient_cannot_leave_the_tablets_pages(page, demo_site):
    log_in(page, demo_site, "staff")
    page.get_by_role("button", name="Hand this tablet to a patient").click()
    page.wait_for_url("**/consultation/tablet/")
    assert page.locator("a[href='/']").count() == 0 and page.get_by_role("link", name="All treatments").count() == 0
    page.goto(demo_site + "/consultation/")  # typed into the address bar
    assert page.url.endswith("/consultation/tablet/locked/")


def test_the_tablet_result_locks_itself_when_left(page, demo_site, settings):
    settings.TABLET_RESULT_SECONDS = 2
    log_in(page, demo_site, "staff")
    page.get_by_role("button", name="Hand this tablet to a patient").click()
    page.wait_for_url("**/consultation/tablet/")
    answer_the_questions(page, "Grace Hopper", "grace@example.com")
    page.get_by_role("button", name="See what to discuss").click()
    page.wait_for_url("**/consultation/tablet/sent/")
    page.wait_for_url("**/consultation/tablet/locked/", timeout=10_000)  # nobody pressed anything
    assert "Grace" not in page.content()
