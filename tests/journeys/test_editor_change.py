"""An editor's change in the admin shows at once to every visitor of the served app, whichever worker answers.

The public pages come whole from Redis, checked against a copy of the catalogue's version kept there: this is the
test that the copy is replaced for every worker when an edit commits, not only in the process that made it.
"""

import secrets

import pytest

from tests.journeys.conftest import DEMO_PASSWORD
from tests.sign_in_page import sign_in_page

pytestmark = pytest.mark.browser

# Every request is a new visitor (no cookies), so each gets the stored page; with two workers, eight requests reach
# both many times over.
VISITS = 8


def test_a_renamed_treatment_shows_at_once_on_every_public_page(journey, journey_site):
    site = journey_site
    editor = journey.person(1280)
    sign_in_page(editor, site.url, "editor", DEMO_PASSWORD)
    editor.goto(site.url + "/admin/treatments/treatment/")
    editor.locator("#result_list tbody th a").first.click()
    name, slug = editor.locator("#id_name"), editor.locator("#id_slug").input_value()
    before = name.input_value()
    renamed = f"{before} renamed {secrets.token_hex(3)}"
    paths = ["/", "/treatments/", f"/treatments/{slug}/", "/treatments/compare/"]
    for path in paths:  # stored before the edit, for every worker
        status, html = site.get(path)
        assert status == 200 and before in html and renamed not in html, path

    def save(value: str) -> None:
        name.fill(value)
        save_button = editor.locator('input[name="_continue"]')
        journey.post_and_expect_redirect(editor, save_button.click, "saving the treatment in the admin")

    save(renamed)
    try:
        for path in paths:
            for visit in range(VISITS):
                status, html = site.get(path)
                assert status == 200, f"{path} answered {status}"
                assert renamed in html, f"{path}, visit {visit + 1}: the page from before the edit was served"
    finally:
        save(before)
    for path in paths:
        for _ in range(VISITS):
            status, html = site.get(path)
            assert status == 200 and renamed not in html, f"{path}: the renamed page outlived the edit back"
