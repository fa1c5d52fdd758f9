"""A cookie carrying NUL (which PostgreSQL cannot compare) is ignored, never a 500 for the visitor."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/consultation/", "/staff/", "/admin/"])
def test_a_session_cookie_with_nul_is_treated_as_no_session(client, catalogue, settings, path):
    client.raise_request_exception = False
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijklmnop"
    response = client.get(path)
    assert response.status_code in (200, 302)
