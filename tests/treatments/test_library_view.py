"""The library lists published treatments only."""

import pytest

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def test_library_lists_published_treatments(client, catalogue):
    html = client.get("/treatments/").content.decode()
    assert 'href="/treatments/botox/"' in html
    assert 'href="/treatments/dermal-filler/"' in html


def test_library_hides_drafts(client, catalogue):
    Treatment.objects.filter(slug="dermal-filler").update(status=Treatment.Status.DRAFT)
    html = client.get("/treatments/").content.decode()
    assert 'href="/treatments/dermal-filler/"' not in html


def test_library_with_nothing_published_says_so(client, db):
    assert "No treatments are published" in client.get("/treatments/").content.decode()


@pytest.mark.parametrize("path", ["/treatments/", "/treatments/botox/", "/treatments/compare/"])
def test_every_treatment_page_offers_to_start_a_consultation(client, catalogue, path):
    html = client.get(path).content.decode()
    assert '<a class="btn btn-primary" href="/consultation/">Start your consultation</a>' in html
