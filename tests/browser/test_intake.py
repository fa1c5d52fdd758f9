"""A patient completes the stepped intake in Chromium: by keyboard alone, and by clicking the chart, at both widths;
and the one-page form without JavaScript."""

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.stepped_form import (
    NEXT,
    SEND,
    about_you,
    next_step,
    pointer_away,
    step_heading,
    to_last_step,
    to_last_step_answering,
    visible_legend,
)
from tests.consultations.factories import PRECAUTION_SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_PRECAUTIONS = [slug for slug in PRECAUTION_SLUGS if slug != "blood-thinners"]


@pytest.fixture
def intake_url(live_server):
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    return live_server.url + "/consultation/"


def click_chart_area(page, slug: str) -> None:
    """Click the area's first hit rect: a paired area's group has its middle between the two sides."""
    page.locator(f'#body-chart [data-area="{slug}"] .chart-hit').first.click()


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


def to_the_chart(page, intake_url) -> None:
    """Open the form and go on to its second step, "What bothers you", where the chart is."""
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.locator("#body-chart svg").wait_for()


def assert_frown_and_cheeks_result(page) -> None:
    page.wait_for_url("**/consultation/*-*-*/")
    suggestions = page.locator("[data-treatment]")
    assert [suggestions.nth(i).get_attribute("data-treatment") for i in range(suggestions.count())] == [
        "botox",
        "dermal-filler",
    ]
    botox = page.locator('[data-treatment="botox"]').inner_text()
    filler = page.locator('[data-treatment="dermal-filler"]').inner_text()
    assert "Between the brows: you told us “lines that show when I move or make an expression”" in botox
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
    keep = page.locator("section[aria-labelledby='keep-title']")
    assert keep.get_by_role("link", name="Create an account").is_visible()
    assert keep.get_by_role("button", name="Print this page").is_visible()
    screenshot(page, "result")
    assert axe_violations(page) == []


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.id")


def wait_for_focus_in_view(page, element_id: str) -> None:
    """The element has focus and (once any smooth scroll ends) shows whole in the window."""
    page.wait_for_function(
        """(id) => {
            const el = document.activeElement;
            if (!el || el.id !== id) return false;
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight;
        }""",
        arg=element_id,
        timeout=5000,
    )


def test_tapping_an_area_shows_its_choices_and_ticks_none(page, intake_url):
    to_the_chart(page, intake_url)
    click_chart_area(page, "lips")
    wait_for_focus_in_view(page, "id_area-lips_0")
    assert page.locator('input[name="area-lips"]:checked').count() == 0
    page.check('input[name="area-lips"][value="volume-loss"]')
    assert not page.locator('input[name="area-lips"][value="lines-at-rest"]').is_checked()
    assert page.locator('#body-chart [data-area="lips"]').get_attribute("aria-label") == "Lips, ticked"


def test_enter_or_space_on_an_area_shows_its_choices_and_ticks_none(page, intake_url):
    to_the_chart(page, intake_url)
    tab_to(page, '#body-chart [data-area="lips"]')
    assert page.locator('#body-chart [data-area="lips"]').get_attribute("role") == "button"
    page.keyboard.press("Enter")
    assert focused(page) == "id_area-lips_0"
    assert page.locator('input[name="area-lips"]:checked').count() == 0
    page.locator('#body-chart [data-area="chin"]').focus()
    page.keyboard.press("Space")
    assert focused(page) == "id_area-chin_0"
    assert page.locator('input[name="area-chin"]:checked').count() == 0
    assert page.locator("input[type=checkbox][name^='area-']:checked").count() == 0


def test_patient_picks_areas_on_the_chart_and_ticks_the_choices(page, intake_url):
    page.goto(intake_url)
    page.fill("#id_full_name", "Ada Lovelace")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_date_of_birth", "1985-04-23")
    next_step(page)
    page.locator("#body-chart svg").wait_for()
    click_chart_area(page, "glabella")
    wait_for_focus_in_view(page, "id_area-glabella_0")
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    click_chart_area(page, "cheeks")
    wait_for_focus_in_view(page, "id_area-cheeks_0")
    page.check('input[name="area-cheeks"][value="volume-loss"]')
    assert page.locator('#body-chart [data-area="glabella"]').get_attribute("aria-label") == "Between the brows, ticked"
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
    to_the_chart(page, intake_url)
    underarms = page.locator('#body-chart [data-area="underarms"]')
    page.check('input[name="area-underarms"][value="sweating"]')
    assert underarms.get_attribute("aria-label") == "Underarms, ticked"
    click_chart_area(page, "underarms")
    assert page.locator('input[name="area-underarms"][value="sweating"]').is_checked()
    page.uncheck('input[name="area-underarms"][value="sweating"]')
    assert underarms.get_attribute("aria-label") == "Underarms"


# Every hit rect of an area that is on the form: its size, and which area the point at its middle belongs to.
HIT_RECTS = """() => Array.from(document.querySelectorAll('#body-chart [data-area]:not(.is-unavailable) .chart-hit'))
    .map((hit) => {
        const r = hit.getBoundingClientRect();
        const there = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {
            area: hit.closest("[data-area]").dataset.area,
            x: r.x, y: r.y, width: r.width, height: r.height,
            middle: there && there.closest("[data-area]") ? there.closest("[data-area]").dataset.area : null,
        };
    })"""


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_every_chart_target_is_at_least_44_px_square(chromium, intake_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    to_the_chart(page, intake_url)
    page.locator("#body-chart").scroll_into_view_if_needed()
    hits = page.evaluate(HIT_RECTS)
    areas = {hit["area"] for hit in hits}
    assert areas == {
        box.split("-", 1)[1]
        for box in page.eval_on_selector_all("input[type=checkbox][name^='area-']", "els => els.map(e => e.name)")
    }
    small = [
        (h["area"], round(h["width"], 1), round(h["height"], 1)) for h in hits if min(h["width"], h["height"]) < 44
    ]
    assert small == []
    overlapping = [
        (a["area"], b["area"])
        for i, a in enumerate(hits)
        for b in hits[i + 1 :]
        if a["area"] != b["area"]
        and min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
    ]
    assert overlapping == []
    assert [h["area"] for h in hits if h["middle"] != h["area"]] == []
    # The outlines take no taps, so no target is smaller than its hit rects.
    outline_targets = page.eval_on_selector_all(
        "#body-chart [data-area] > :not(.chart-hit)",
        "els => els.filter(e => getComputedStyle(e).pointerEvents !== 'none').length",
    )
    assert outline_targets == 0
    context.close()


def ticked_labels(page) -> list[str]:
    """The ticked areas as the chart shows them in text, only if they are visible."""
    ticked = page.locator("#body-chart-ticked li")
    return [ticked.nth(i).inner_text() for i in range(ticked.count()) if ticked.nth(i).is_visible()]


def test_ticked_areas_are_named_beside_the_chart(page, intake_url):
    to_the_chart(page, intake_url)
    assert ticked_labels(page) == []
    assert page.locator("#body-chart-none").is_visible()

    click_chart_area(page, "lips")
    wait_for_focus_in_view(page, "id_area-lips_0")
    page.check('input[name="area-lips"][value="volume-loss"]')
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    page.check('input[name="area-glabella"][value="lines-at-rest"]')
    assert ticked_labels(page) == ["✓ Between the brows", "✓ Lips"]  # in the chart's order, top to bottom
    assert page.locator("#body-chart-none").is_hidden()

    page.uncheck('input[name="area-glabella"][value="lines-when-moving"]')
    assert ticked_labels(page) == ["✓ Between the brows", "✓ Lips"]  # one concern is still ticked there
    page.uncheck('input[name="area-glabella"][value="lines-at-rest"]')
    page.uncheck('input[name="area-lips"][value="volume-loss"]')
    assert ticked_labels(page) == []
    assert page.locator("#body-chart-none").is_visible()


def test_chart_has_no_accessibility_violations_shown_and_with_an_area_ticked(page, intake_url):
    to_the_chart(page, intake_url)
    chart = page.locator("#body-chart")
    pointer_away(page)
    assert axe_violations(page) == []
    click_chart_area(page, "lips")
    wait_for_focus_in_view(page, "id_area-lips_0")
    page.check('input[name="area-lips"][value="volume-loss"]')
    page.check('input[name="area-hands"][value="sweating"]')
    screenshot(page, "intake-chart-area-shown")
    chart.scroll_into_view_if_needed()
    page.locator('#body-chart [data-area="cheeks"]').focus()
    screenshot(page, "intake-chart-lips-and-hands-ticked")
    assert axe_violations(page) == []


def test_form_has_no_accessibility_violations_blank_and_with_errors(page, intake_url):
    page.goto(intake_url)
    assert axe_violations(page) == []
    about_you(page)
    next_step(page)
    page.locator("#body-chart svg").wait_for()
    pointer_away(page)
    assert axe_violations(page) == []
    to_last_step_answering(page)
    # Not a number, set behind Next's back: it stands for an answer only the server refuses.
    page.locator("#id_phone").evaluate("node => { node.value = 'ask for Ada'; }")
    page.click(SEND)
    page.wait_for_selector("#error-summary")
    page.wait_for_load_state()  # the deferred scripts have run: the steps are set and the focus moved
    # The first error (the phone number) is on the first step, which opens with the answers kept.
    assert step_heading(page).startswith("Step 1 of 5")
    assert page.locator("#id_full_name").input_value() == "Ada Lovelace"
    screenshot(page, "intake-errors")
    assert axe_violations(page) == []


def test_a_screening_follow_up_box_opens_only_with_yes(page, intake_url):
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    while visible_legend(page) != "Medical screening":
        next_step(page)
    detail = page.locator("#id_screening-blood-thinners-detail")
    assert detail.is_hidden()
    page.check('input[name="screening-blood-thinners"][value="no"]')
    assert detail.is_hidden()
    page.check('input[name="screening-blood-thinners"][value="yes"]')
    assert detail.is_visible()
    assert page.locator("#id_screening-pregnant-detail").is_hidden()
    detail.fill("Warfarin")
    page.check('input[name="screening-blood-thinners"][value="no"]')
    assert detail.is_hidden()
    page.check('input[name="screening-blood-thinners"][value="yes"]')
    assert detail.input_value() == "Warfarin"


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


def test_back_after_sending_and_sending_again_leads_to_the_first_result_not_a_second(page, intake_url):
    from consultations.models import Consultation

    page.goto(intake_url)
    about_you(page, full_name="Gina Grab", email="gina@example.com")
    to_last_step_answering(page)
    page.check("#id_consent")
    page.click(SEND)
    page.wait_for_url("**/consultation/*-*-*/")
    first_result = page.url
    page.go_back()
    # Chromium brings the form back as it was left, every answer in place, with a new submission token.
    page.wait_for_selector("#id_full_name")
    assert page.input_value("#id_full_name") == "Gina Grab"
    assert page.locator("#id_consent").is_checked()
    to_last_step(page)
    page.click(SEND)
    page.wait_for_url(first_result)
    assert "You had already sent these answers" in page.locator(".messages").inner_text()
    assert Consultation.objects.count() == 1
