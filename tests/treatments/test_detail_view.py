"""The treatment page states the catalogue's facts and hides drafts."""

import pytest

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def test_botox_page_shows_onset_duration_areas_side_effects_precautions(client, catalogue):
    response = client.get("/treatments/botox/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-fact="duration-months">4 to 6 months<' in html
    assert "Between the brows" in html
    assert "Underarms" in html
    assert "Rare but serious" in html
    assert "Common" in html
    for question in Treatment.objects.get(slug="botox").precautions.values_list("question", flat=True):
        assert question.replace("'", "&#x27;") in html
    assert "Last reviewed 21 November 2026" in html


def test_an_areas_own_months_show_only_with_their_source(client, catalogue, django_capture_on_commit_callbacks):
    from treatments.models import Indication

    html = client.get("/treatments/dermal-filler/").content.decode()
    assert 'data-fact="duration-months">6 to 24 months<' in html
    assert "usually last" not in html.split('id="areas-title"')[1].split("</section>")[0]  # none seeded has a source
    # As the admin saves: once it commits, the catalogue's version changes and the stored page goes stale.
    with django_capture_on_commit_callbacks(execute=True):
        for lips in Indication.objects.filter(treatment__slug="dermal-filler", area__slug="lips"):
            lips.duration_min_months, lips.duration_max_months = 6, 12
            lips.save()
    assert "results usually last 6 to 12 months here" not in client.get("/treatments/dermal-filler/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for lips in Indication.objects.filter(treatment__slug="dermal-filler", area__slug="lips"):
            lips.duration_source = "A product's labelling"
            lips.save()
    assert "results usually last 6 to 12 months here" in client.get("/treatments/dermal-filler/").content.decode()


def test_botox_page_shows_the_public_sources_figure_beside_the_clinics_and_the_minimum_interval(client, catalogue):
    html = client.get("/treatments/botox/").content.decode()
    assert (
        '<span data-fact="duration-months">4 to 6 months</span> (this clinic&#x27;s figure), longer than the 3 to 4 '
        "months given by the American Academy of Dermatology and the NHS, for lines and wrinkles"
    ) in html
    assert "Repeated no sooner than every 90 days." in html


def test_the_duration_sentence_follows_an_editors_numbers(client, catalogue):
    Treatment.objects.filter(slug="botox").update(duration_min_months=3, duration_max_months=5, min_interval_days=120)
    html = client.get("/treatments/botox/").content.decode()
    assert 'data-fact="duration-months">3 to 5 months<' in html
    assert "Repeated no sooner than every 120 days." in html
    assert "4 to 6" not in html.split('class="facts')[1].split("</dl>")[0]


def test_botox_page_marks_the_off_label_uses_and_the_neck_approval_is_for_vertical_bands(client, catalogue):
    html = client.get("/treatments/botox/").content.decode()
    areas = html.split('id="areas-title"')[1].split("</section>")[0]
    for area in ("Jaw muscle", "Hands (palms)"):
        entry = areas.split(area)[1].split("</li>")[0]
        assert "off-label" in entry, area
    assert "off-label" not in areas.split("Underarms")[1].split("</li>")[0]
    # In the neck only lines at rest are off-label: the mark stands before them, apart from the labelled bands.
    neck = areas.split("<strong>Neck</strong>: ")[1].split("</li>")[0]
    assert neck.startswith("lines when moving (dynamic lines); <span")
    assert neck.endswith("off-label</span> lines at rest (static lines)")
    assert "Vertical bands on the neck (platysma bands)" in html
    assert "Off-label, meaning outside the product&#x27;s licence" in html
    assert "sweaty palms" in html.split("Off-label, meaning")[1]
    assert "boxed warning" in html.split('id="safety-title"')[1]


def test_filler_page_names_the_riskiest_areas_and_hyaluronidase_with_its_source(client, catalogue):
    html = client.get("/treatments/dermal-filler/").content.decode()
    safety = html.split('id="safety-title"')[1].split("</section>")[0]
    assert "between the brows, around the eyes, the forehead and the nose" in safety
    assert "hyaluronidase" in safety
    assert "cannot be dissolved" in safety and "Calcium hydroxylapatite, poly-L-lactic acid and PMMA" in safety
    sources = html.split('id="sources-title"')[1]
    assert "Hyaluronidase for dermal filler complications. JMIR Dermatology 2024" in sources


@pytest.mark.parametrize("slug", ["botox", "dermal-filler"])
def test_every_side_effect_band_is_shown(client, catalogue, slug):
    html = client.get(f"/treatments/{slug}/").content.decode()
    effects = html.split('id="effects-title"')[1].split("</section>")[0]
    for band in ("Common", "Uncommon", "Rare but serious"):
        assert f">{band}</h3>" in effects


def test_notes_on_duration_have_a_heading_of_their_own_not_downtimes(client, catalogue):
    html = client.get("/treatments/dermal-filler/").content.decode()
    expect = html.split('id="expect-title"')[1].split("</section>")[0]
    downtime, notes = expect.split(">More on how long results last</h3>")
    assert "Collagen fillers last around 3 to 4 months" in notes and "Collagen" not in downtime


def test_a_drooping_eyelid_says_when_it_is_a_sign_of_spread_that_needs_help_at_once(client, catalogue):
    effects = client.get("/treatments/botox/").content.decode().split('id="effects-title"')[1].split("</section>")[0]
    uncommon = effects.split(">Uncommon</h3>")[1].split("</ul>")[0]
    assert (
        "With weakness elsewhere, double vision, or trouble swallowing, speaking or breathing, get medical help at once"
        in uncommon
    )


def test_plain_words_for_technical_terms_and_questions_under_a_fitting_heading(client, catalogue):
    botox = client.get("/treatments/botox/").content.decode()
    filler = client.get("/treatments/dermal-filler/").content.decode()
    assert "neuromodulator: it calms the nerve signal to a muscle" in botox
    assert "Lambert-Eaton syndrome (a rare condition that weakens the muscles)" in botox
    assert "calcium hydroxylapatite (tiny mineral particles" in filler
    assert "PMMA (tiny acrylic beads" in filler
    assert "Your practitioner will ask you" in botox and "Tell your practitioner if" not in botox


def test_sources_are_cited_by_what_they_are(client, catalogue):
    html = client.get("/treatments/botox/").content.decode()
    assert "seed 00" not in html
    assert "Clinic blog article" in html


def test_an_admin_edit_of_the_duration_shows_at_once(client, catalogue, django_capture_on_commit_callbacks):
    assert 'data-fact="duration-months">4 to 6 months<' in client.get("/treatments/botox/").content.decode()
    botox = Treatment.objects.get(slug="botox")
    botox.duration_min_months, botox.duration_max_months = 3, 4
    with django_capture_on_commit_callbacks(execute=True):  # saved and committed, as the admin does
        botox.save()
    assert 'data-fact="duration-months">3 to 4 months<' in client.get("/treatments/botox/").content.decode()


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


def test_the_summary_keeps_its_paragraphs_and_the_other_name_starts_with_a_capital(client, catalogue):
    Treatment.objects.filter(slug="botox").update(summary="First paragraph.\n\nSecond paragraph.")
    html = client.get("/treatments/botox/").content.decode()
    assert '<div class="lead col-lg-9"><p>First paragraph.</p>\n\n<p>Second paragraph.</p></div>' in html
    assert "Botulinum toxin · " in html
    library = client.get("/treatments/").content.decode()
    assert "<p>First paragraph.</p>\n\n<p>Second paragraph.</p>" in library
