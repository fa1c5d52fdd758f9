"""The comparison table is built from the database for every published treatment."""

import pytest

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def test_compare_shows_botox_and_fillers_side_by_side(client, catalogue):
    response = client.get("/treatments/compare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">Botox</a></th>") < html.index(">Dermal fillers</a></th>")
    assert "<td>4 to 6 months" in html
    assert "<td>6 to 24 months" in html


def test_compare_reflects_a_duration_edit(client, catalogue):
    Treatment.objects.filter(slug="botox").update(duration_min_months=3, duration_max_months=4)
    assert "<td>3 to 4 months" in client.get("/treatments/compare/").content.decode()


def test_compare_leaves_out_drafts(client, catalogue):
    Treatment.objects.filter(slug="dermal-filler").update(status=Treatment.Status.DRAFT)
    html = client.get("/treatments/compare/").content.decode()
    assert ">Dermal fillers</a></th>" not in html


def test_compare_takes_a_constant_number_of_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/treatments/compare/")
