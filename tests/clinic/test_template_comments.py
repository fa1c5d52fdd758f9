"""Django's {# #} comments end at the line's end: one spread over lines is printed on the page as text."""

import re
from pathlib import Path

from django.conf import settings

from tests.consultations.people import sign_in

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")) + sorted(
    Path(settings.BASE_DIR).glob("*/templates/**/*.html")
)


def test_no_template_has_a_comment_over_several_lines():
    spread = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)[:60]!r}"
        for path in TEMPLATES
        for match in re.finditer(r"\{#.*?(#\}|$)", path.read_text(encoding="utf-8"), re.M)
        if not match.group(0).endswith("#}")
    ]
    assert TEMPLATES and spread == []


def test_the_staff_detail_page_shows_no_template_text(client, catalogue):
    from tests.consultations.factories import make_consultation
    from tests.consultations.people import make_staff

    consultation = make_consultation()
    sign_in(client, make_staff())
    html = client.get(f"/staff/consultations/{consultation.reference}/").content.decode()
    assert "{#" not in html and "{%" not in html and "#}" not in html
