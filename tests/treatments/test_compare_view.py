"""The comparison table is built from the database for every published treatment."""

import pytest

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def test_compare_shows_botox_and_fillers_side_by_side(client, catalogue):
    response = client.get("/treatments/compare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">Botox</a></th>") < html.index(">Dermal fillers</a></th>")
    assert 'data-label="Botox"><p>4 to 6 months' in html
    assert 'data-label="Dermal fillers"><p>6 to 24 months' in html


def test_compare_reflects_a_duration_edit(client, catalogue):
    Treatment.objects.filter(slug="botox").update(duration_min_months=3, duration_max_months=4)
    assert 'data-label="Botox"><p>3 to 4 months' in client.get("/treatments/compare/").content.decode()


def test_compare_leaves_out_drafts(client, catalogue):
    Treatment.objects.filter(slug="dermal-filler").update(status=Treatment.Status.DRAFT)
    html = client.get("/treatments/compare/").content.decode()
    assert ">Dermal fillers</a></th>" not in html


def test_compare_takes_a_constant_number_of_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/treatments/compare/")


def test_compare_shows_every_side_effect_band_the_safety_facts_and_off_label_areas(client, catalogue):
    html = client.get("/treatments/compare/").content.decode()
    for label in ("Common side effects", "Uncommon side effects", "Rare but serious risks", "Safety"):
        assert f'<th scope="row">{label}</th>' in html
    uncommon = html.split('<th scope="row">Uncommon side effects</th>')[1].split("</tr>")[0]
    assert "Drooping eyelid or eyebrow" in uncommon
    safety = html.split('<th scope="row">Safety</th>')[1].split("</tr>")[0]
    assert "hyaluronidase" in safety and "between the brows, around the eyes" in safety
    areas = html.split('<th scope="row">Areas</th>')[1].split("</tr>")[0]
    assert "Jaw muscle (clenching and grinding): off-label" in areas and "Hands (palms): off-label" in areas
    assert "Underarms: off-label" not in areas
    assert "Neck: off-label for lines at rest (static lines)" in areas  # the vertical bands are on the label
    assert "for lines and wrinkles. Repeated no sooner than every 90 days.</p>" in html


def test_on_a_phone_each_cell_says_which_treatment_it_is_about(client, catalogue):
    html = client.get("/treatments/compare/").content.decode()
    row = html.split('<th scope="row">What it is</th>')[1].split("</tr>")[0]
    assert row.index('data-label="Botox"') < row.index('data-label="Dermal fillers"')


def test_the_public_sources_figure_reads_as_a_sentence_whatever_the_sources_wording(client, catalogue):
    html = client.get("/treatments/compare/").content.decode()
    assert "figure), longer than the 6 to 12 months given by the FDA, for hyaluronic acid fillers" in html
    assert " give about " not in html
