"""A visitor walks home -> library -> detail -> compare in a real Chromium, at phone and desktop widths."""

import pytest

from tests.browser.checks import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded_site(live_server):
    from treatments.seeding import catalogue_seed

    catalogue_seed()
    return live_server.url


def test_visitor_walks_from_home_to_compare(page, seeded_site):
    page.goto(seeded_site + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Botox or dermal fillers")
    screenshot(page, "home")

    page.get_by_role("link", name="Read about the treatments").click()
    page.wait_for_url("**/treatments/")
    screenshot(page, "library")

    page.get_by_role("link", name="Botox", exact=True).click()
    page.wait_for_url("**/treatments/botox/")
    assert page.locator("[data-fact=duration-months]").inner_text() == "4 to 6 months"
    screenshot(page, "detail-botox")

    page.get_by_role("link", name="Compare with the other treatments").click()
    page.wait_for_url("**/treatments/compare/")
    headers = page.locator("thead th").all_inner_texts()
    assert headers == ["Botox", "Dermal fillers"]
    screenshot(page, "compare")


@pytest.mark.parametrize(
    "path",
    ["/", "/treatments/", "/treatments/botox/", "/treatments/dermal-filler/", "/treatments/compare/", "/no-such-page/"],
)
def test_public_page_has_no_accessibility_violations(page, seeded_site, path):
    page.goto(seeded_site + path)
    assert axe_violations(page) == []


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(page, seeded_site):
    page.goto(seeded_site + "/treatments/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_layout_does_not_scroll_sideways(page, seeded_site):
    for path in ["/", "/treatments/", "/treatments/botox/", "/treatments/compare/"]:
        page.goto(seeded_site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {page.viewport_name}"


def test_the_menu_is_one_row_and_compare_names_each_treatment_in_its_cells(page, seeded_site):
    page.goto(seeded_site + "/treatments/compare/")
    tops = page.locator("header .navbar-nav > li").evaluate_all(
        "items => items.map(i => i.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1, f"the menu wraps into {len(set(tops))} rows at {page.viewport_name}"
    if page.viewport_name == "phone":
        # Stacked: each cell says which treatment it describes, since the column headings are off screen.
        labels = (
            page.locator(".compare-table tbody tr")
            .first.locator("td")
            .evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        )
        assert labels == ['"Botox"', '"Dermal fillers"']
    screenshot(page, "compare-menu")


@pytest.mark.parametrize("path", ["/treatments/", "/treatments/botox/", "/treatments/compare/"])
def test_every_treatment_page_offers_to_start_a_consultation(page, seeded_site, path):
    page.goto(seeded_site + path)
    page.get_by_role("link", name="Start your consultation").first.click()
    page.wait_for_url("**/consultation/")


@pytest.mark.parametrize("username", ["patient", "staff"])
def test_signed_in_the_menu_stays_one_row_and_the_account_links_open_from_it(page, demo_site, username):
    from tests.browser.demo_site import log_in

    log_in(page, demo_site, username)
    page.goto(demo_site + "/treatments/")
    visible = page.locator("header .navbar-nav > li:visible")
    tops = visible.evaluate_all("items => items.map(i => Math.round(i.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, f"the menu wraps into {len(set(tops))} rows at {page.viewport_name}"
    if page.viewport_size["width"] < 576:
        page.locator(".account-menu summary").click()
        screenshot(page, "menu-account-open")
        assert axe_violations(page) == []
    own_page = "My consultations" if username == "patient" else "Staff queue"
    page.get_by_role("link", name=own_page).filter(visible=True).click()
    page.wait_for_url("**/me/" if username == "patient" else "**/staff/")
    if page.viewport_size["width"] < 576:
        page.locator(".account-menu summary").click()
    page.get_by_role("button", name=f"Sign out ({username})").filter(visible=True).click()
    page.wait_for_url(demo_site + "/")
