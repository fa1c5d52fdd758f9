"""Moving through the intake form's steps (static/js/intake-steps.js) as a patient would: the Next and Back buttons."""

NEXT = "form.intake-form [data-step-next]"
BACK = "form.intake-form [data-step-back]"
SEND = 'form.intake-form input[type="submit"][name="submit"]'
SAVE = 'form.intake-form button[name="save_draft"]'
HEADING = "#intake-step-heading"


def step_heading(page) -> str:
    return page.locator(HEADING).text_content()


def next_step(page) -> None:
    """Click Next and check the next step's heading took the focus."""
    before = step_heading(page)
    page.click(NEXT)
    assert step_heading(page) != before
    assert page.evaluate("() => document.activeElement.id") == "intake-step-heading"


def to_last_step(page) -> None:
    while page.locator(NEXT).is_visible():
        next_step(page)


def visible_legend(page) -> str:
    """The legend of the one step on show."""
    return page.locator("form.intake-form > fieldset:visible > legend").inner_text()


def pointer_away(page) -> None:
    """Move the mouse off the buttons and let Bootstrap's 0.15 s colour transitions end, so axe measures the colours
    a reader sees rather than a frame halfway between the hover colours (after Next, Back appears under the mouse)."""
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
