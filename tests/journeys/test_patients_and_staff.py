"""Three patients, one after another, each in a browser of their own, then a staff member: against gunicorn,
PostgreSQL and Redis with warm caches, as in production.

Each unit test clears the cache and has one visitor, so a page cached for the first visitor and served to the
next (the blank intake form once carried the first visitor's CSRF token: everyone after got a 403) passes them
all. Here the caches were warmed by other visitors before the first patient arrives, and three patients follow.
"""

import re

import pytest

from tests.journeys.conftest import RESULT_PATH, Patient

pytestmark = pytest.mark.browser

PATIENTS = [
    # (patient, viewport width, height, treatments suggested in order, their names)
    (
        Patient(
            full_name="Wilhelmina Quartermaine",
            email="wilhelmina.quartermaine@example.org",
            date_of_birth="1984-03-17",
            concerns=[("glabella", "lines-when-moving")],
            goals="Soften the frown between my brows.",
        ),
        360,
        800,
        ["botox"],
        ["Discuss Botox"],
    ),
    (
        Patient(
            full_name="Theodora Vantongeren",
            email="theodora.vantongeren@example.org",
            date_of_birth="1972-11-02",
            concerns=[("cheeks", "volume-loss")],
            phone="07700 900481",
        ),
        1280,
        800,
        ["dermal-filler"],
        ["Discuss dermal fillers"],
    ),
    (
        Patient(
            full_name="Cordelia Ashworthy",
            email="cordelia.ashworthy@example.org",
            date_of_birth="1990-06-28",
            concerns=[("underarms", "sweating")],
        ),
        768,
        1024,
        ["botox"],
        ["Discuss Botox"],
    ),
]
NOTE = "Rang Theodora back: prefers a Thursday morning slot."


def suggested(page) -> list[str]:
    cards = page.locator("[data-treatment]")
    return [cards.nth(i).get_attribute("data-treatment") for i in range(cards.count())]


def others(patient: Patient) -> list[str]:
    """The names and emails of the other patients of this journey."""
    return [text for p, *_ in PATIENTS if p is not patient for text in (p.full_name, p.email)]


def assert_result_page_is_theirs(page, patient: Patient, reference: str, treatments: list[str], names: list[str]):
    assert RESULT_PATH.search(page.url), f"{patient.first_name} is not on a result page: {page.url}"
    assert page.locator("[data-reference]").inner_text().strip() == reference
    assert suggested(page) == treatments, f"{patient.first_name} was shown {suggested(page)}, not {treatments}"
    for treatment, name in zip(treatments, names, strict=True):
        card = page.locator(f'[data-treatment="{treatment}"]')
        assert name in card.get_by_role("heading").first.inner_text()
        reasons = [line.strip() for line in card.locator("ul[data-reasons] > li").all_inner_texts() if line.strip()]
        assert reasons, f"the {name} suggestion gives {patient.first_name} no reason"
    html = page.content()
    for text in others(patient):
        assert text not in html, f"{patient.first_name}'s result page shows another patient's {text!r}"


def open_queue_search(page, base_url: str, query: str) -> None:
    """Search the queue through its search form, as staff do."""
    page.goto(base_url + "/staff/")
    page.locator("#id_q").fill(query)
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/staff/\?.*q="))


def queue_row(page, full_name: str):
    rows = page.locator(".queue-table tbody tr").filter(has=page.get_by_role("link", name=full_name, exact=True))
    names = [" ".join(text.split()) for text in page.locator(".queue-table tbody tr td:nth-child(2)").all_inner_texts()]
    assert rows.count() == 1, f"searching for {full_name!r} lists {names}"
    return rows.first


def test_three_patients_then_staff(journey, journey_site, screenshot):
    base = journey_site.url
    done = []  # (patient, page, reference, treatments, names)
    tokens = []
    for patient, width, height, treatments, names in PATIENTS:
        page = journey.person(width, height)
        page.goto(base + "/consultation/")
        # The blank form holds nothing of the patients before, and a submission token of this visitor's own.
        assert page.locator("#id_full_name").input_value() == ""
        tokens.append(page.locator('input[name="submission_token"]').input_value())
        assert tokens[-1] and tokens.count(tokens[-1]) == 1, f"the submission token {tokens[-1]!r} was served before"
        html = page.content()
        for earlier, *_ in done:
            assert earlier.full_name not in html and earlier.email not in html
        if width in (360, 1280):
            screenshot(page, "intake")
        reference = journey.submit_intake(page, base, patient)
        assert_result_page_is_theirs(page, patient, reference, treatments, names)
        if width in (360, 1280):
            screenshot(page, "result")
        done.append((patient, page, reference, treatments, names))

    references = [reference for _, _, reference, _, _ in done]
    assert len(set(references)) == 3, f"three patients, references {references}"
    # Each patient's page, read again once everyone has sent their form, is still their own.
    for patient, page, reference, treatments, names in done:
        page.reload()
        assert_result_page_is_theirs(page, patient, reference, treatments, names)

    staff = journey.person(1280, 800)
    journey.log_in(staff, base, "staff")
    for index, (patient, _page, reference, treatments, _names) in enumerate(done):
        open_queue_search(staff, base, patient.full_name)
        row = queue_row(staff, patient.full_name)
        assert reference in row.inner_text()
        if index == 0:
            screenshot(staff, "queue")
        row.get_by_role("link", name=patient.full_name, exact=True).click()
        staff.wait_for_url(re.compile(rf"/staff/.*{reference}/$"))
        heading = staff.get_by_role("heading", level=1).inner_text()
        assert patient.full_name in heading and reference in heading, heading
        main = staff.locator("main").inner_text()
        assert patient.email in main
        assert suggested(staff) == treatments
        html = staff.content()
        for text in others(patient):
            assert text not in html, f"{patient.first_name}'s detail page shows another patient's {text!r}"

        if index == 1:
            # A note: after the redirect it is on the page.
            staff.fill("#id_text", NOTE)
            button = staff.get_by_role("button", name="Add note")
            journey.post_and_expect_redirect(staff, button.click, "staff adds a note")
            assert re.search(rf"/staff/.*{reference}/$", staff.url), staff.url
            assert NOTE in staff.locator("main").inner_text(), "the note is not on the page after the redirect"
            assert staff.locator("#id_text").input_value() == ""

            # A status change: the badge and the history show it after the redirect.
            before = staff.locator("[data-status]").first.get_attribute("data-status")
            options = staff.locator("#id_to_status option")
            offered = [
                (options.nth(i).get_attribute("value"), options.nth(i).inner_text().strip())
                for i in range(options.count())
            ]
            choices = [(value, label) for value, label in offered if value and value != before]
            assert choices, f"no status change is offered from {before!r}: {offered}"
            value, label = next(((v, lbl) for v, lbl in choices if v == "contacted"), choices[0])
            staff.select_option("#id_to_status", value=value)
            button = staff.get_by_role("button", name="Change status")
            journey.post_and_expect_redirect(staff, button.click, "staff changes the status")
            assert staff.locator("[data-status]").first.get_attribute("data-status") == value
            history = " ".join(staff.locator("ul.status-history").inner_text().split())
            assert f"→ {label} (staff)" in history, history
            assert NOTE in staff.locator("main").inner_text(), "the note is gone after the status change"
            screenshot(staff, "detail")
            staff.set_viewport_size({"width": 360, "height": 800})
            screenshot(staff, "detail")
            staff.set_viewport_size({"width": 1280, "height": 800})
            changed = (patient, reference, label)

    # The queue shows the new status, in a search made after the change.
    patient, reference, label = changed
    open_queue_search(staff, base, patient.full_name)
    row = queue_row(staff, patient.full_name)
    assert label in row.inner_text(), f"the queue shows {row.inner_text()!r} after the change to {label}"
    staff.set_viewport_size({"width": 360, "height": 800})
    screenshot(staff, "queue")
