"""The treatment page states the catalogue's facts and hides drafts."""

import pytest

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def test_botox_page_shows_onset_duration_areas_side_effects_precautions(client, catalogue):
    response = client.get("/treatments/botox/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-fact="duration">4 to 6 months<' in html
    assert "Between the brows" in html
    assert "Underarms" in html
    assert "Rare but serious" in html
    assert "Common" in html
    for question in Treatment.objects.get(slug="botox").precautions.values_list("question", flat=True):
        assert question.replace("'", "&#x27;") in html
    assert "Last reviewed 21 November 2026" in html


def test_filler_page_shows_per_area_duration(client, catalogue):
    html = client.get("/treatments/dermal-filler/").content.decode()
    assert 'data-fact="duration">6 to 24 months<' in html
    assert "results usually last 6 to 12 months here" in html


def test_an_admin_edit_of_the_duration_shows_at_once(client, catalogue):
    Treatment.objects.filter(slug="botox").update(duration_min_months=3, duration_max_months=4)
    assert 'data-fact="duration">3 to 4 months<' in client.get("/treatments/botox/").content.decode()


def test_draft_treatment_is_not_found(client, catalogue):
    Treatment.objects.filter(slug="botox").update(status=Treatment.Status.DRAFT)
    response = client.get("/treatments/botox/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_unknown_slug_gets_the_site_404_page(client, catalogue):
    response = client.get("/treatments/skin-booster/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="/treatments/"' in html


def test_a_new_treatment_with_no_rules_or_side_effects_still_renders(client, catalogue):
    botox = Treatment.objects.get(slug="botox")
    Treatment.objects.create(
        **{
            field.name: getattr(botox, field.name)
            for field in Treatment._meta.concrete_fields
            if field.name not in {"id", "slug", "name"}
        },
        slug="skin-booster",
        name="Skin booster",
    )
    assert client.get("/treatments/skin-booster/").status_code == 200
