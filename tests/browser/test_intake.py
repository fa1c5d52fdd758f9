"""A patient completes the stepped intake in Chromium: by keyboard alone, and by clicking the chart, at both widths;
and the one-page form without JavaScript."""

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.stepped_form import NEXT, SEND, next_step, pointer_away, step_heading, to_last_step
from tests.consultations.factories import PRECAUTION_SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_PRECAUTIONS = [slug for slug in PRECAUTION_SLUGS if slug != "blood-thinners"]


@pytest.fixture
def intake_url(live_server):
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    return live_server.url + "/consultation/"


def click_chart_area(page, slug: str) -> None:
    """Click the area's first shape: a paired area's group has its middle between the two shapes."""
    area = page.locator(f'#body-chart [data-area="{slug}"]')
    shapes = area.locator(":scope > :is(path, ellipse, circle, rect, polygon)")
    (shapes.first if shapes.count() else area).click()


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching selector has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received focus by Tab")


def answer_radio_by_keyboard(page, name: str, value: str) -> None:
    tab_to(page, f'input[name="{name}"]')
    page.keyboard.press("Space")  # the first radio of the group
    if page.evaluate("() => document.activeElement.value") != value:
        page.keyboard.press("ArrowDown")
    assert page.locator(f'input[name="{name}"][value="{value}"]').is_checked()


def next_step_by_keyboard(page) -> None:
    """Tab to Next and press Enter: the next step's heading takes the focus."""
    before = step_heading(page)
    tab_to(page, NEXT)
    page.keyboard.press("Enter")
    assert step_heading(page) != before
    assert page.evaluate("() => document.activeElement.id") == "intake-step-heading"


def assert_frown_and_cheeks_result(page) -> None:
    page.wait_for_url("**/consultation/*-*-*/")
    suggestions = page.locator("[data-treatment]")
    assert [suggestions.nth(i).get_attribute("data-treatment") for i in range(suggestions.count())] == [
        "botox",
        "dermal-filler",
    ]
    botox = page.locator('[data-treatment="botox"]').inner_text()
    filler = page.locator('[data-treatment="dermal-filler"]').inner_text()
    assert "Between the brows: you told us “lines that show when I move my face" in botox
    assert "Cheeks: you told us “hollowness, flattening or lost fullness”" in filler
    assert page.locator('[data-flag="blood-thinners"]').count() == 1
    assert page.locator("[data-reference]").inner_text()


def test_patient_completes_the_form_by_keyboard_alone(page, intake_url):
    page.goto(intake_url)
    tab_to(page, "#id_full_name")
    page.keyboard.type("Ada Lovelace")
    page.keyboard.press("Tab")
    page.keyboard.type("ada@example.com")
    tab_to(page, "#id_date_of_birth")
    page.keyboard.type("04231985")
    next_step_by_keyboard(page)  # What bothers you
    tab_to(page, 'input[name="area-glabella"][value="lines-when-moving"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="area-cheeks"][value="volume-loss"]')
    page.keyboard.press("Space")
    next_step_by_keyboard(page)  # Earlier treatments
    next_step_by_keyboard(page)  # Medical screening
    thinners = PRECAUTION_SLUGS.index("blood-thinners")
    for slug in PRECAUTION_SLUGS[:thinners]:
        answer_radio_by_keyboard(page, f"screening-{slug}", "no")
    answer_radio_by_keyboard(page, "screening-blood-thinners", "yes")
    page.keyboard.press("Tab")
    page.keyboard.type("Warfarin")
    for slug in PRECAUTION_SLUGS[thinners + 1 :]:
        answer_radio_by_keyboard(page, f"screening-{slug}", "no")
    next_step_by_keyboard(page)  # Consent
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND)
    screenshot(page, "intake-filled-by-keyboard")
    page.keyboard.press("Enter")
    assert_frown_and_cheeks_result(page)
    screenshot(page, "result")
    assert axe_violations(page) == []


def test_patient_picks_areas_by_clicking_the_chart(page, intake_url):
    page.goto(intake_url)
    page.fill("#id_full_name", "Ada Lovelace")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_date_of_birth", "1985-04-23")
    next_step(page)
    chart = page.locator("#body-chart svg")
    chart.wait_for()
    click_chart_area(page, "glabella")
    click_chart_area(page, "cheeks")
    assert page.locator('input[name="area-glabella"][value="lines-when-moving"]').is_checked()
    assert page.locator('input[name="area-cheeks"][value="volume-loss"]').is_checked()
    assert page.locator('#body-chart [data-area="glabella"]').get_attribute("aria-checked") == "true"
    screenshot(page, "intake-chart")

    next_step(page)
    next_step(page)
    for slug in NO_PRECAUTIONS:
        page.check(f'input[name="screening-{slug}"][value="no"]')
    page.check('input[name="screening-blood-thinners"][value="yes"]')
    next_step(page)
    page.check("#id_consent")
    page.click(SEND)
    assert_frown_and_cheeks_result(page)


def test_checkbox_and_chart_stay_in_step(page, intake_url):
    page.goto(intake_url)
    next_step(page)
    page.locator("#body-chart svg").wait_for()
    page.check('input[name="area-underarms"][value="sweating"]')
    assert page.locator('#body-chart [data-area="underarms"]').get_attribute("aria-checked") == "true"
    click_chart_area(page, "underarms")
    assert not page.locator('input[name="area-underarms"][value="sweating"]').is_checked()


def test_form_has_no_accessibility_violations_blank_and_with_errors(page, intake_url):
    page.goto(intake_url)
    assert axe_violations(page) == []
    page.fill("#id_full_name", "Ada Lovelace")
    next_step(page)
    page.locator("#body-chart svg").wait_for()
    pointer_away(page)
    assert axe_violations(page) == []
    to_last_step(page)
    page.click(SEND)
    page.wait_for_selector("#error-summary")
    # The first error (the email address) is on the first step, which opens with the answer kept.
    assert step_heading(page).startswith("Step 1 of 5")
    assert page.locator("#id_full_name").input_value() == "Ada Lovelace"
    screenshot(page, "intake-errors")
    assert axe_violations(page) == []


def test_form_works_with_javascript_off(chromium, intake_url):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(intake_url)
    assert page.locator("#body-chart").is_hidden()
    page.fill("#id_full_name", "Ada Lovelace")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_date_of_birth", "1985-04-23")
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    page.check('input[name="area-cheeks"][value="volume-loss"]')
    for slug in NO_PRECAUTIONS:
        page.check(f'input[name="screening-{slug}"][value="no"]')
    page.check('input[name="screening-blood-thinners"][value="yes"]')
    page.check("#id_consent")
    page.click('input[type="submit"]')
    assert_frown_and_cheeks_result(page)
    context.close()
