"""The home page says what the clinic offers and how the two treatments differ."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_explains_the_difference_and_links_the_library(client, catalogue):
    html = client.get("/").content.decode()
    assert "Botox relaxes the muscles" in html
    assert "Fillers add back volume" in html
    assert 'href="/treatments/"' in html
    assert 'href="/treatments/botox/"' in html


def test_home_calls_the_visitor_to_start_a_consultation(client, catalogue):
    html = client.get("/").content.decode()
    assert '<a class="btn btn-primary btn-lg" href="/consultation/">Start your consultation form</a>' in html


def test_home_has_landmarks_skip_link_and_language(client, catalogue):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_home_loads_css_and_js_from_our_own_static_files_only(client, catalogue):
    html = client.get("/").content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    assert "/static/bootstrap/js/bootstrap.bundle.min.js" in html
    assert "http://" not in html and "https://" not in html
