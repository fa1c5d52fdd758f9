"""The intake form in steps (static/js/intake-steps.js): one step at a time, progress, focus, and errors."""

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.stepped_form import (
    BACK,
    NEXT,
    SEND,
    about_you,
    next_step,
    pointer_away,
    screening_all_no,
    step_heading,
    to_last_step,
    to_last_step_answering,
    visible_legend,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def intake_url(live_server):
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    return live_server.url + "/consultation/"


def message_at(page, selector: str) -> str:
    """The message the browser shows at a field it found invalid."""
    return page.locator(selector).first.evaluate("node => node.validationMessage")


def current_step_name(page) -> str:
    return page.locator('.intake-steps li[aria-current="step"]').inner_text()


def test_the_form_shows_one_step_at_a_time_with_its_progress(page, intake_url):
    page.set_viewport_size(
        {"width": 360, "height": 780} if page.viewport_name == "phone" else {"width": 1280, "height": 800}
    )
    page.goto(intake_url)
    assert step_heading(page) == "Step 1 of 5: About you"  # the step's name is there for screen readers
    assert page.locator("form.intake-form > fieldset:visible").count() == 1
    assert visible_legend(page) == "About you"
    assert page.locator(BACK).is_hidden() and page.locator(SEND).is_hidden()

    about_you(page)
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    next_step(page)
    assert step_heading(page).startswith("Step 3 of 5")
    assert visible_legend(page) == "Earlier treatments"
    assert page.locator('.intake-steps li[aria-current="step"]').count() == 1
    pointer_away(page)
    screenshot(page, "intake-step-3")
    assert axe_violations(page) == []

    page.click(BACK)
    assert visible_legend(page) == "What bothers you"
    assert page.evaluate("() => document.activeElement.id") == "intake-step-heading"
    next_step(page)
    next_step(page)
    screening_all_no(page)
    to_last_step(page)
    assert visible_legend(page) == "Consent" and page.locator(SEND).is_visible()


def test_enter_in_a_text_box_goes_to_the_next_step_rather_than_sending(page, intake_url):
    page.goto(intake_url)
    about_you(page)
    page.press("#id_full_name", "Enter")
    assert visible_legend(page) == "What bothers you"
    assert page.url == intake_url


def test_next_stops_at_a_required_answer_left_out_and_says_so_there(page, intake_url):
    page.goto(intake_url)
    page.fill("#id_full_name", "Ada Lovelace")
    page.fill("#id_date_of_birth", "1985-04-23")
    page.click(NEXT)
    assert visible_legend(page) == "About you"  # the email address is missing
    assert page.evaluate("() => document.activeElement.id") == "id_email"
    assert page.evaluate("() => document.getElementById('id_email').validationMessage")  # the browser's own words
    page.fill("#id_email", "not an address")
    page.press("#id_email", "Enter")  # Enter checks the step as Next does
    assert visible_legend(page) == "About you"
    assert page.evaluate("() => document.activeElement.id") == "id_email"
    assert message_at(page, "#id_email")
    page.fill("#id_email", "ada@example.com")
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    next_step(page)
    next_step(page)
    page.check('input[name="screening-pregnant"][value="no"]')
    page.click(NEXT)
    assert visible_legend(page) == "Medical screening"
    assert page.evaluate("() => document.activeElement.name") == "screening-neuromuscular"
    screening_all_no(page)
    next_step(page)
    assert visible_legend(page) == "Consent"


def test_next_checks_the_forms_own_rules_before_the_server_does(page, intake_url):
    page.goto(intake_url)
    about_you(page, email="amelia.hart@example")  # the browser's own check lets an address without ".com" by
    page.click(NEXT)
    assert visible_legend(page) == "About you"
    assert page.evaluate("() => document.activeElement.id") == "id_email"
    assert message_at(page, "#id_email") == "Enter your email address in full, for example name@example.com."
    about_you(page, born="2015-01-01")
    page.click(NEXT)
    assert visible_legend(page) == "About you"
    assert page.evaluate("() => document.activeElement.id") == "id_date_of_birth"
    assert message_at(page, "#id_date_of_birth").startswith("Sorry, we can only see adults: you need to be 18")
    page.fill("#id_date_of_birth", "2099-01-01")
    page.click(NEXT)
    assert message_at(page, "#id_date_of_birth") == "Your date of birth cannot be in the future."
    page.fill("#id_date_of_birth", "1885-04-23")  # a mistyped year
    page.click(NEXT)
    assert message_at(page, "#id_date_of_birth") == "Please check the year of your date of birth."
    assert visible_legend(page) == "About you"

    page.fill("#id_date_of_birth", "1985-04-23")
    page.check('input[name="contact_method"][value="text"]')  # a text message, and no phone number
    page.click(NEXT)
    assert page.evaluate("() => document.activeElement.id") == "id_phone"
    assert message_at(page, "#id_phone") == "Please give a phone number, or choose email as the way to contact you."
    for mistyped in ("0770O 900123", "abc123"):  # a letter O for a zero; letters
        page.fill("#id_phone", mistyped)
        page.click(NEXT)
        assert visible_legend(page) == "About you"
        assert page.evaluate("() => document.activeElement.id") == "id_phone"
        assert message_at(page, "#id_phone").startswith("Enter a phone number in digits: spaces, brackets and dashes")
    page.fill("#id_phone", "07700 900123")
    next_step(page)

    page.click(NEXT)  # nothing ticked
    assert visible_legend(page) == "What bothers you"
    first_box = 'input[name^="area-"]'
    assert page.evaluate("() => document.activeElement.name").startswith("area-")
    assert message_at(page, first_box).startswith("Please choose at least one area")
    page.check('input[name="area-cheeks"][value="volume-loss"]')  # not the box the message was shown at
    next_step(page)
    assert visible_legend(page) == "Earlier treatments"

    page.check('input[name="earlier-botox"]')  # and no "how many months ago"
    page.click(NEXT)
    assert visible_legend(page) == "Earlier treatments"
    assert page.evaluate("() => document.activeElement.id") == "id_earlier-botox-months"
    assert message_at(page, "#id_earlier-botox-months") == (
        "Please say roughly how many months ago, or untick the box above."
    )
    page.uncheck('input[name="earlier-botox"]')  # not had it after all: nothing more is needed
    next_step(page)
    assert visible_legend(page) == "Medical screening"


def test_next_brings_an_unanswered_question_above_the_screen_into_view_before_it_says_so(page, intake_url):
    # Chromium shows no message at a field still off-screen: the page's smooth scroll must not be left to bring it.
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    next_step(page)
    next_step(page)
    assert visible_legend(page) == "Medical screening"
    screening_all_no(page)
    page.locator('input[name="screening-pregnant"]').evaluate_all(
        "radios => radios.forEach(r => { r.checked = false; })"
    )
    in_view = page.evaluate(
        """([next, first]) => {
            window.scrollTo(0, document.body.scrollHeight);
            document.querySelector(next).click();
            const box = document.querySelector(first).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        [NEXT, 'input[name="screening-pregnant"]'],
    )
    assert in_view
    assert visible_legend(page) == "Medical screening"
    assert page.evaluate("() => document.activeElement.name") == "screening-pregnant"


def test_next_leaves_a_date_typed_in_another_form_to_the_server(page, intake_url):
    page.goto(intake_url)
    # A browser without a date picker shows a text box, where a patient types the date as they write it.
    page.locator("#id_date_of_birth").evaluate("node => { node.type = 'text'; }")
    about_you(page, born="23/04/1985")
    next_step(page)
    assert visible_legend(page) == "What bothers you"


def test_errors_open_the_first_step_with_one_and_the_summary_links_open_theirs(page, intake_url):
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.check('input[name="area-glabella"][value="lines-when-moving"]')
    next_step(page)
    page.check('input[name="earlier-botox"]')
    page.fill("#id_earlier-botox-months", "6")
    to_last_step_answering(page)
    # Next checks the phone number and the months; changed behind its back, they stand for answers on two steps
    # that only the server refuses.
    page.locator("#id_phone").evaluate("node => { node.value = 'ask for Ada'; }")
    page.locator("#id_earlier-botox-months").evaluate("node => { node.value = ''; }")
    page.check("#id_consent")
    page.click(SEND)
    page.wait_for_selector("#error-summary")
    page.wait_for_load_state()  # the deferred scripts have run: the steps are set and the focus moved
    assert page.evaluate("() => document.activeElement.id") == "error-summary"  # where a keyboard starts
    assert visible_legend(page) == "About you"  # the phone number is the first error
    assert "Enter a phone number in digits" in page.locator("#error-summary").inner_text()
    page.click("#error-summary a[href='#id_earlier-botox-months']")
    assert visible_legend(page) == "Earlier treatments"
    assert current_step_name(page) == "Earlier treatments"
    assert page.evaluate("() => document.activeElement.id") == "id_earlier-botox-months"


def test_next_does_not_jump_to_the_bottom_of_the_page(page, intake_url):
    page.goto(intake_url)
    about_you(page)
    next_step(page)
    page.locator("#body-chart svg").wait_for()
    page.check('input[name="area-neck"][value="lines-when-moving"]')
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # at the end of the long step 2
    page.click("form.intake-form [data-step-next]")
    heading_top = page.evaluate("() => document.getElementById('intake-step-heading').getBoundingClientRect().top")
    assert 0 <= heading_top < 200  # the next step's heading is in view at once, not after a scroll from the end
