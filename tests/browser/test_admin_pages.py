"""An editor edits a treatment in the admin, in Chromium at 1280 px: the list and the rules table fit the window."""

import pytest

from tests.browser.checks import screenshot
from tests.browser.demo_site import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.viewport_name = "desktop"
    yield page
    context.close()


def test_the_rules_table_fits_a_1280_px_window(desktop, demo_site):
    from treatments.models import Treatment

    log_in(desktop, demo_site, "editor")
    botox = Treatment.objects.get(slug="botox")
    desktop.goto(f"{demo_site}/admin/treatments/treatment/{botox.pk}/change/")
    rules = desktop.locator("#indications-group")
    rules.scroll_into_view_if_needed()
    widths = desktop.evaluate(
        """() => ({page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
                   table: document.querySelector('#indications-group table').getBoundingClientRect().right})"""
    )
    screenshot(desktop, "admin-treatment-rules")
    assert widths["page"] <= widths["window"] and widths["table"] <= widths["window"], widths


def test_the_treatments_list_shows_every_column_in_a_1280_px_window(desktop, demo_site):
    log_in(desktop, demo_site, "editor")
    desktop.goto(f"{demo_site}/admin/treatments/treatment/")
    widths = desktop.evaluate(
        """() => ({table: document.querySelector('#result_list').getBoundingClientRect().right,
                   shown: document.querySelector('#changelist .results').getBoundingClientRect().right})"""
    )
    screenshot(desktop, "admin-treatments-list")
    assert widths["table"] <= widths["shown"], widths
