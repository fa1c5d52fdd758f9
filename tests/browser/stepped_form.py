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
    """Next until the last step; each step on the way must already hold what Next checks (see about_you)."""
    while page.locator(NEXT).is_visible():
        next_step(page)


def about_you(page, full_name: str = "Ada Lovelace", email: str = "ada@example.com", born: str = "1985-04-23") -> None:
    """Fill in the first step's required answers, so Next goes on."""
    page.fill("#id_full_name", full_name)
    page.fill("#id_email", email)
    page.fill("#id_date_of_birth", born)


def screening_all_no(page) -> None:
    """Answer no to every screening question, so Next goes on past the screening step."""
    for radio in page.locator('input[type="radio"][name^="screening-"][value="no"]').all():
        radio.check()


def visible_legend(page) -> str:
    """The legend of the one step on show."""
    return page.locator("form.intake-form > fieldset:visible > legend").inner_text()


def pointer_away(page) -> None:
    """Move the mouse off the buttons and let Bootstrap's 0.15 s colour transitions end, so axe measures the colours
    a reader sees rather than a frame halfway between the hover colours (after Next, Back appears under the mouse)."""
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)


def to_last_step_answering(page, area: str = "glabella:lines-when-moving") -> None:
    """From a filled-in first step to the last: ticking `area` ("slug:concern") if nothing is ticked yet, and
    answering no to the screening questions."""
    while visible_legend(page) != "Medical screening":
        if visible_legend(page) == "What bothers you" and not page.locator('input[name^="area-"]:checked').count():
            slug, concern = area.split(":")
            page.check(f'input[name="area-{slug}"][value="{concern}"]')
        next_step(page)
    screening_all_no(page)
    to_last_step(page)
