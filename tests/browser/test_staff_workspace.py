"""Staff work the queue and patients see their own consultations, in Chromium, at phone and desktop widths."""

import json
from pathlib import Path

import pytest

from tests.browser.checks import axe_violations, screenshot
from tests.browser.demo_site import log_in, reference_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def queue_rows(page):
    """The queue's rows, as (patient, status, flagged) read from the table."""
    rows = page.locator(".queue-table tbody tr")
    result = []
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        if cells.count() < 7:  # the "No consultations match." row
            continue
        flagged = cells.nth(5).locator("[data-flag-label]").count() > 0
        result.append((cells.nth(1).inner_text().strip(), cells.nth(3).inner_text().strip(), flagged))
    return result


def open_filters(page) -> None:
    details = page.locator("details.queue-filters")
    if details.get_attribute("open") is None:
        details.locator("summary", has_text="More filters").click()
    page.locator("#id_status").wait_for(state="visible")


def change_status(page, label: str) -> None:
    options = page.locator("#id_to_status option").all_inner_texts()
    assert label in options, f"{label!r} is not offered; the select offers {options}"
    page.select_option("#id_to_status", label=label)
    page.get_by_role("button", name="Change status").click()
    page.get_by_role("status").filter(has_text="Status changed.").wait_for()


def test_staff_finds_a_consultation_notes_it_books_it_and_exports_it(page, demo_site):
    log_in(page, demo_site, "staff")
    page.wait_for_url("**/staff/")
    assert len(queue_rows(page)) == 12
    screenshot(page, "staff-queue")
    # Nothing to scroll sideways, at either width: on a phone each row is a card.
    assert page.locator(".table-responsive").evaluate("box => box.scrollWidth <= box.clientWidth")
    assert page.locator(".queue-table tbody tr").first.locator("td.queue-reference").is_visible()
    assert page.locator(".queue-table tbody tr").first.locator("td.queue-assigned").is_visible()  # who has it

    page.fill("#id_q", "Dorothy Hodgkin")  # the search box shows without a click
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/staff/?*q=Dorothy*")
    rows = queue_rows(page)
    assert [name for name, _, _ in rows] == ["Dorothy Hodgkin"]
    screenshot(page, "staff-queue-filtered")

    page.locator(".queue-table").get_by_role("link", name="Dorothy Hodgkin").click()
    page.wait_for_url("**/staff/consultations/*/")
    reference = reference_of("Dorothy Hodgkin")
    assert page.url.endswith(f"/staff/consultations/{reference}/")

    # What the patient was shown: fillers, and why.
    shown = page.locator("section[aria-labelledby='suggested-title']")
    filler = shown.locator('[data-treatment="dermal-filler"]')
    assert filler.count() == 1
    assert filler.get_by_role("heading").inner_text().startswith("Dermal fillers")
    reasons = [text.strip() for text in filler.locator("ul[data-reasons] > li").all_inner_texts()]
    assert reasons and all(reasons), "the filler suggestion gives no reason"
    assert any(reason.startswith("Smile lines (nose to mouth): you told us") for reason in reasons), reasons

    page.fill("#id_text", "called, booked for Tuesday")
    page.get_by_role("button", name="Add note").click()
    page.get_by_role("status").filter(has_text="Note added.").wait_for()
    assert "called, booked for Tuesday" in page.locator("ul.notes").inner_text()

    assert page.locator("[data-status]").first.get_attribute("data-status") == "new"
    assert "Booked" not in page.locator("#id_to_status option").all_inner_texts()
    change_status(page, "Contacted")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "contacted"
    change_status(page, "Booked")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "booked"
    history = page.locator("ul.status-history").inner_text()
    assert "New → Contacted (staff)" in history
    assert "Contacted → Booked (staff)" in history
    screenshot(page, "staff-detail")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export FHIR").click()
    download = download_info.value
    assert download.suggested_filename == f"consultation-{reference}.fhir.json"
    fhir = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert fhir["resourceType"] == "QuestionnaireResponse"
    assert fhir["id"] == reference

    page.reload()
    trail = page.locator("ul.audit-trail").inner_text()
    for action in ["Note added", "Status changed", "Exported"]:
        assert f"staff: {action}" in trail, f"{action!r} missing from the audit trail:\n{trail}"
    assert "Viewed" not in trail
    assert page.locator("[data-reads]").inner_text() == "No one else has opened it yet."
    assert "FHIR QuestionnaireResponse" in trail


def test_queue_filters_by_status_tab_and_by_flags(page, demo_site):
    from consultations.models import Consultation

    log_in(page, demo_site, "staff")
    page.wait_for_url("**/staff/")

    tab = page.locator(".status-tabs").get_by_role("link", name="Booked")
    expected_booked = int(tab.locator("[data-count]").inner_text())
    tab.click()
    page.wait_for_url("**/staff/?status=booked")
    assert page.locator(".status-tabs a[aria-current='page']").inner_text().startswith("Booked")
    rows = queue_rows(page)
    assert rows, "the Booked tab shows nothing"
    assert len(rows) == expected_booked == Consultation.objects.filter(status="booked").count()
    assert {status for _, status, _ in rows} == {"Booked"}

    page.goto(demo_site + "/staff/")
    open_filters(page)
    page.select_option("#id_has_flags", label="Yes")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/staff/?*has_flags=true*")
    rows = queue_rows(page)
    flagged_names = set(Consultation.objects.filter(has_flags=True).values_list("full_name", flat=True))
    assert rows, "no flagged consultations shown"
    assert all(flagged for _, _, flagged in rows), rows
    assert {name for name, _, _ in rows} == flagged_names
    screenshot(page, "staff-queue-flagged")


def test_the_tablets_words_sit_under_its_button_and_no_wider_than_the_buttons(page, demo_site):
    log_in(page, demo_site, "staff")
    page.wait_for_url("**/staff/")
    button = page.get_by_role("button", name="Hand this tablet to a patient").bounding_box()
    words = page.locator("#tablet-help").bounding_box()
    buttons = page.locator(".queue-actions > div").bounding_box()
    assert words["y"] >= button["y"] + button["height"]  # under it, not beside the page's heading
    assert words["x"] >= buttons["x"] - 1 and words["x"] + words["width"] <= buttons["x"] + buttons["width"] + 1
    assert words["y"] - (button["y"] + button["height"]) < 40  # close to it


def test_queue_csv_export_downloads_a_csv(page, demo_site):
    log_in(page, demo_site, "staff")
    page.wait_for_url("**/staff/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export these as CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Reference,Submitted (local time),Status,Full name")
    assert len(lines) == 1 + 12


def staff_queue(page, base_url):
    page.goto(base_url + "/staff/")


def staff_queue_filters_open(page, base_url):
    page.goto(base_url + "/staff/")
    open_filters(page)


def staff_detail(page, base_url):
    # A flagged consultation with a note and status history, so every part of the page is there.
    page.goto(base_url + f"/staff/consultations/{reference_of('Rosalind Franklin')}/")
    page.locator("[data-flag]").first.wait_for()


def staff_print(page, base_url):
    page.goto(base_url + f"/staff/consultations/{reference_of('Rosalind Franklin')}/print/")


@pytest.mark.parametrize(
    "visit",
    [staff_queue, staff_queue_filters_open, staff_detail, staff_print],
    ids=["queue", "queue-filters-open", "detail", "print"],
)
def test_staff_page_has_no_accessibility_violations(page, demo_site, visit):
    log_in(page, demo_site, "staff")
    visit(page, demo_site)
    assert axe_violations(page) == []


def test_login_page_has_no_accessibility_violations(page, demo_site):
    page.goto(demo_site + "/accounts/login/")
    assert axe_violations(page) == []


def patient_consultation_path() -> str:
    from consultations.models import Consultation

    found = Consultation.objects.filter(patient__username="patient").order_by("created_at").first()
    return f"/me/consultations/{found.reference}/"


@pytest.mark.parametrize("path", ["/me/", "consultation", "/me/delete/"], ids=["home", "consultation", "delete"])
def test_patient_page_has_no_accessibility_violations(page, demo_site, path):
    log_in(page, demo_site, "patient")
    response = page.goto(demo_site + (patient_consultation_path() if path == "consultation" else path))
    assert response.status == 200
    assert axe_violations(page) == []


def test_patients_see_only_their_own_consultations(page, demo_site):
    from consultations.models import Consultation

    def listed():
        return page.locator("main .list-group-item a").all_inner_texts()

    log_in(page, demo_site, "patient")
    page.wait_for_url("**/me/")
    own = set(Consultation.objects.filter(patient__username="patient").values_list("reference", flat=True))
    assert len(listed()) == 2
    assert set(listed()) == own
    screenshot(page, "me-home")

    other = Consultation.objects.get(patient__username="patient2").reference
    response = page.goto(demo_site + f"/me/consultations/{other}/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"

    page.context.clear_cookies()
    log_in(page, demo_site, "patient2")
    page.wait_for_url("**/me/")
    assert listed() == [other]


def test_editor_is_kept_out_of_the_staff_queue_but_reaches_the_admin(page, demo_site):
    log_in(page, demo_site, "editor")
    page.wait_for_url("**/admin/")
    response = page.goto(demo_site + "/staff/")
    assert response.status == 403
    response = page.goto(demo_site + "/admin/treatments/treatment/")
    assert response.status == 200
    assert page.url.endswith("/admin/treatments/treatment/")
    assert page.get_by_role("link", name="Botox", exact=True).count() == 1


def test_text_typed_in_the_note_and_plan_boxes_survives_a_status_change_until_it_is_sent(page, demo_site):
    log_in(page, demo_site, "staff")
    page.goto(f"{demo_site}/staff/consultations/{reference_of('Dorothy Hodgkin')}/")
    page.locator("#id_text").press_sequentially("Prefers mornings")
    page.locator("#id_plan_notes").press_sequentially("Start with the smile lines")
    plan_ticks = page.locator("form[data-keeps-drafts] input[type=checkbox][name=items]")
    plan_ticks.first.check()

    change_status(page, "Contacted")
    assert page.locator("#id_text").input_value() == "Prefers mornings"
    assert page.locator("#id_plan_notes").input_value() == "Start with the smile lines"
    assert plan_ticks.first.is_checked()  # the tick survives too

    page.get_by_role("button", name="Add note").click()
    page.get_by_role("status").filter(has_text="Note added.").wait_for()
    assert page.locator("#id_text").input_value() == ""  # sent, so no longer a draft
    assert page.locator("#id_plan_notes").input_value() == "Start with the smile lines"

    if page.locator(".account-menu summary").is_visible():  # on a phone the account's links fold under "Account"
        page.locator(".account-menu summary").click()
    page.locator("form[data-signs-out] button:visible").click()
    page.wait_for_url(f"{demo_site}/")
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('clinic-draft:')).length") == 0


def test_plan_notes_edited_over_saved_ones_survive_a_status_change(page, demo_site):
    from consultations.models import Consultation

    reference = reference_of("Dorothy Hodgkin")
    Consultation.objects.filter(reference=reference).update(plan_notes="Smile lines first")
    log_in(page, demo_site, "staff")
    page.goto(f"{demo_site}/staff/consultations/{reference}/")
    page.locator("#id_plan_notes").press("Control+End")
    page.locator("#id_plan_notes").press_sequentially(", then review in two weeks")

    change_status(page, "Contacted")
    assert page.locator("#id_plan_notes").input_value() == "Smile lines first, then review in two weeks"

    # Once a colleague saves other plan notes, theirs show: the draft was written over text that is no longer there.
    Consultation.objects.filter(reference=reference).update(plan_notes="Fillers only")
    page.reload()
    assert page.locator("#id_plan_notes").input_value() == "Fillers only"


def test_a_typed_note_survives_a_status_change_refused_because_a_colleague_changed_it_first(page, demo_site):
    from django.db.models import F

    from consultations.models import Consultation

    log_in(page, demo_site, "staff")
    reference = reference_of("Dorothy Hodgkin")
    page.goto(f"{demo_site}/staff/consultations/{reference}/")
    page.locator("#id_text").press_sequentially("Prefers mornings")
    Consultation.objects.filter(reference=reference).update(status="contacted", version=F("version") + 1)

    page.select_option("#id_to_status", label="Contacted")
    page.get_by_role("button", name="Change status").click()
    refusal = page.get_by_role("alert").filter(has_text="This consultation has changed since you opened it")
    refusal.wait_for()
    # The keyboard and a screen reader start at the reason, not at the top of the page.
    page.wait_for_function("document.activeElement && document.activeElement.hasAttribute('data-message-error')")
    assert "not one of the available choices" not in page.inner_text("main")
    assert page.locator("#id_text").input_value() == "Prefers mornings"
    screenshot(page, "staff-status-conflict")


def test_on_a_phone_links_at_the_top_reach_the_forms_below_the_answers(page, demo_site):
    log_in(page, demo_site, "staff")
    page.goto(f"{demo_site}/staff/consultations/{reference_of('Dorothy Hodgkin')}/")
    links = page.locator("nav[data-jump-links]")
    if page.viewport_name == "desktop":  # the forms sit beside the answers
        assert not links.is_visible()
        return
    screenshot(page, "staff-detail-jump-links")
    status = page.get_by_role("heading", name="Status", exact=True)
    assert not status.is_visible() or status.bounding_box()["y"] > page.viewport_size["height"]
    links.get_by_role("link", name="Status").click()
    page.wait_for_function("() => document.getElementById('status-title').getBoundingClientRect().top < 100")
    page.locator("#id_to_status").wait_for(state="visible")


def test_the_print_view_has_print_and_back_buttons(page, demo_site):
    log_in(page, demo_site, "staff")
    reference = reference_of("Rosalind Franklin")
    page.goto(f"{demo_site}/staff/consultations/{reference}/print/")
    assert page.get_by_role("button", name="Print").is_visible()  # shown by the script, since printing needs it
    screenshot(page, "staff-print")
    page.get_by_role("link", name="Back to the consultation").click()
    page.wait_for_url(f"**/staff/consultations/{reference}/")
