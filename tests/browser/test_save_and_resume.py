"""A patient saves the stepped form halfway on one browser and finishes it from the emailed link on another."""

import re

import pytest
from django.core import mail

from consultations.models import Consultation, IntakeDraft
from tests.browser.checks import axe_violations, screenshot
from tests.browser.stepped_form import (
    BACK,
    SAVE,
    SEND,
    about_you,
    next_step,
    pointer_away,
    step_heading,
    visible_legend,
)
from tests.consultations.factories import PRECAUTION_SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_360 = {"width": 360, "height": 780}


@pytest.fixture
def intake_url(live_server, settings):
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    settings.SITE_URL = live_server.url  # the emailed link points at this server
    return live_server.url + "/consultation/"


def narrow_phone(page):
    """The issue's phone is 360 px wide."""
    if page.viewport_name == "phone":
        page.set_viewport_size(PHONE_360)
    return page


def test_a_patient_saves_halfway_and_finishes_from_the_emailed_link(page, chromium, intake_url):
    narrow_phone(page)
    page.goto(intake_url)
    page.fill("#id_full_name", "Ada Lovelace")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_date_of_birth", "1985-04-23")
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    page.check('input[name="area-cheeks"][value="volume-loss"]')
    page.fill("#id_goals", "Look less tired")
    next_step(page)
    assert step_heading(page).startswith("Step 3 of 5")
    page.click(SAVE)

    page.wait_for_url("**/consultation/saved/")
    assert "We sent a link to a…@example.com" in page.locator("main").inner_text()
    screenshot(page, "draft-saved")
    assert axe_violations(page) == []
    (link_mail,) = mail.outbox
    link = re.search(r"https?://\S+/consultation/resume/\S+/", link_mail.body)[0]

    # Later, on another device: a browser with none of the first one's cookies.
    other = chromium.new_context(viewport=page.viewport_size)
    later = other.new_page()
    later.viewport_name = page.viewport_name
    later.goto(link)
    assert len(mail.outbox) == 1, "opening the link alone (as a mail scanner would) sends no code"
    screenshot(later, "draft-link")
    assert axe_violations(later) == []
    later.click("text=Email me a code")
    assert "enter the 6-digit code we just emailed to a…@example.com" in later.locator("main").inner_text()
    screenshot(later, "draft-code")
    assert axe_violations(later) == []
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.M)[1]

    later.fill("#id_code", f"{(int(code) + 1) % 1_000_000:06d}")
    later.click("text=Open my form")
    assert "That code is not right. You can try 4 more times." in later.locator("main").inner_text()
    screenshot(later, "draft-code-wrong")
    assert axe_violations(later) == []

    later.fill("#id_code", code)
    later.click("text=Open my form")
    later.wait_for_url("**/consultation/continue/")
    # Back at the step where they pressed save, with every answer kept.
    assert step_heading(later).startswith("Step 3 of 5")
    assert later.locator("#id_full_name").input_value() == "Ada Lovelace"
    assert later.locator("#id_goals").input_value() == "Look less tired"
    assert later.locator('input[name="area-cheeks"][value="volume-loss"]').is_checked()
    pointer_away(later)
    screenshot(later, "draft-resumed")
    assert axe_violations(later) == []

    next_step(later)
    assert visible_legend(later) == "Medical screening"
    for slug in PRECAUTION_SLUGS:
        later.check(f'input[name="screening-{slug}"][value="no"]')
    next_step(later)
    later.check("#id_consent")
    later.click(SEND)
    later.wait_for_url("**/consultation/*-*-*/")
    assert later.locator("[data-reference]").inner_text()
    assert Consultation.objects.get().goals == "Look less tired"
    assert not IntakeDraft.objects.exists()
    other.close()


def test_saving_without_an_email_shows_the_error_at_the_email_field(page, intake_url):
    narrow_phone(page)
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    page.click(BACK)
    page.fill("#id_email", "")
    page.click(SAVE)  # saving checks nothing in the browser: the server says what it needs
    page.wait_for_selector("#error-summary")
    page.wait_for_load_state()  # the deferred scripts have run: the steps are set and the focus moved
    assert visible_legend(page) == "About you"
    assert "To save your answers for later, enter your email address" in page.locator("#div_id_email").inner_text()
    assert page.locator("#id_full_name").input_value() == "Ada Lovelace"
    assert page.locator('input[name="area-glabella"][value="lines-when-moving"]').is_checked()  # a later step's too
    screenshot(page, "draft-needs-email")
    assert axe_violations(page) == []
    assert not IntakeDraft.objects.exists()
