"""The accessibility check itself finds violations, so a clean result elsewhere means something."""

import pytest

from tests.browser.checks import axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_an_image_without_alt_text_and_an_unlabelled_field(page):
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')
    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= ids
