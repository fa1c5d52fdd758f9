"""The result page shows what to discuss, why, what to expect, flags and next steps, and little personal data."""

import pytest

from consultations.rules import rules_from_database
from consultations.suggestions import Answers, Rules, suggest
from tests.consultations.factories import as_sender, make_consultation
from tests.consultations.people import make_user

pytestmark = pytest.mark.django_db


def test_result_shows_both_treatments_with_reasons_flags_and_reference(client, catalogue):
    consultation = make_consultation()
    as_sender(client, consultation)
    response = client.get(f"/consultation/{consultation.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert consultation.reference in html
    assert 'data-treatment="botox"' in html and 'data-treatment="dermal-filler"' in html
    assert html.index('data-treatment="botox"') < html.index('data-treatment="dermal-filler"')
    assert "Between the brows: you told us" in html
    assert "Discuss Botox" in html and "Discuss dermal fillers" in html  # a brand keeps its capital
    assert 'data-flag="blood-thinners"' in html
    assert "Usually 4 to 6 months" in html
    assert "Bruising, swelling, redness, pain at the injection site, headache</dd>" in html  # one list, one capital
    assert "a qualified practitioner examines you and decides with you" in html
    assert 'href="/treatments/botox/"' in html
    assert "More about dermal fillers: the procedure, recovery and sources</a>" in html


def test_result_shows_no_more_personal_data_than_it_needs(client, catalogue):
    consultation = make_consultation()
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    for personal in ["Ada", "Lovelace", "ada@example.com", "1985", "Warfarin"]:
        assert personal not in html
    assert client.get(f"/consultation/{consultation.reference}/")["Cache-Control"].startswith("max-age=0")


def test_no_match_says_a_practitioner_will_advise(client, catalogue):
    # The form only offers pairs some rule covers; a rule removed while the patient was typing gives no match.
    consultation = make_consultation()
    rules = rules_from_database()
    no_rules = Rules(**{**rules.__dict__, "indications": ()})
    consultation.suggestion = suggest(
        Answers(concerns=frozenset({("glabella", "lines-when-moving")})), no_rules
    ).as_dict()
    consultation.save(update_fields=["suggestion"])
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    assert "No specific suggestion" in html
    assert "A practitioner will advise you" in html


def test_an_address_that_is_no_reference_is_404(client, catalogue):
    assert client.get("/consultation/1/").status_code == 404


def test_the_result_offers_ways_to_keep_it(client, catalogue):
    consultation = make_consultation()
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    keep = html.split('id="keep-title"')[1].split("</section>")[0]
    assert 'href="/accounts/signup/"' in keep and "data-print" in keep
    assert "/static/js/print-button.js" in html


def test_a_signed_in_patient_reading_a_result_not_in_their_account_is_told_how_to_add_it(client, catalogue):
    consultation = make_consultation()  # sent before signing in
    client.force_login(make_user("ada"))
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    keep = html.split('id="keep-title"')[1].split("</section>")[0]
    assert "To keep it in your account, open the link in the email" in keep
    assert "create an account" not in keep and "/accounts/signup/" not in keep


def test_a_held_back_suggestion_and_an_off_label_use_show_on_the_result(client, catalogue):
    consultation = make_consultation(
        **{"area-jaw-muscle": ["clenching"], "screening-pregnant": "yes", "screening-pregnant-detail": ""}
    )
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</section>")[0]
    assert "Usually postponed: you told us about pregnancy or breastfeeding." in botox
    assert "Jaw muscle (clenching and grinding) <span" in botox and "off-label use</span>" in botox
    assert "your practitioner will explain what that means" in botox


def test_the_off_label_mark_stands_by_the_area_whose_use_is_off_label(client, catalogue):
    consultation = make_consultation(**{"area-jaw-muscle": ["clenching"], "area-underarms": ["sweating"]})
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</section>")[0]
    areas = botox.split("For:")[1].split("</p>")[0]
    marked = {part.split("<span")[0].strip(): "data-off-label" in part for part in areas.split(", ")}
    assert marked == {"Between the brows": False, "Jaw muscle (clenching and grinding)": True, "Underarms": False}


def test_a_result_stored_before_areas_were_marked_keeps_its_one_off_label_mark(client, catalogue):
    consultation = make_consultation(**{"area-jaw-muscle": ["clenching"]})
    for suggestion in consultation.suggestion["suggestions"]:
        del suggestion["off_label_area_names"]
    consultation.save(update_fields=["suggestion"])
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</section>")[0]
    assert botox.count("data-off-label") == 1 and "includes an off-label use" in botox


def test_the_result_gives_the_public_sources_duration_beside_the_clinics(client, catalogue):
    consultation = make_consultation()
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</article>")[0]
    assert (
        "Usually 4 to 6 months (this clinic&#x27;s figure), longer than the 3 to 4 months given by the American "
        "Academy of Dermatology and the NHS, for lines and wrinkles"
    ) in botox


def test_the_public_figure_for_lines_is_not_given_beside_botox_for_sweating_and_clenching(client, catalogue):
    consultation = make_consultation(
        **{
            "area-glabella": None,
            "area-cheeks": None,
            "area-underarms": ["sweating"],
            "area-jaw-muscle": ["clenching"],
        }
    )
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</section>")[0]
    assert "Usually 4 to 6 months</dd>" in botox
    assert "according to" not in botox and "lines and wrinkles" not in botox


def test_the_result_gives_every_side_effect_band_and_what_the_serious_ones_mean(client, catalogue):
    consultation = make_consultation()
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox, fillers = html.split('data-treatment="botox"')[1].split('data-treatment="dermal-filler"')
    assert 'Uncommon side effects</dt><dd class="col-sm-8">Drooping eyelid or eyebrow</dd>' in botox
    assert "<strong>Spread of the effect beyond the treated area</strong>: Very rarely" in botox
    assert "Filler entering a blood vessel (vascular occlusion)</strong>: Very rarely" in fillers
    assert "loss of sight or a stroke" in fillers
    assert "Lumps or delayed swelling" in fillers


def test_a_result_stored_before_the_uncommon_and_serious_bands_still_shows(client, catalogue):
    consultation = make_consultation()
    for suggestion in consultation.suggestion["suggestions"]:
        del suggestion["uncommon_side_effects"], suggestion["serious_side_effects"]
    consultation.save(update_fields=["suggestion"])
    as_sender(client, consultation)
    response = client.get(f"/consultation/{consultation.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Common side effects" in html
    assert "Uncommon side effects" not in html and "data-serious-side-effects" not in html
    assert "More about dermal fillers, including the rarer side effects" in html  # where the rest of them are


def test_an_earlier_treatment_too_recent_is_told_as_what_the_patient_said_not_as_a_yes(client, catalogue):
    consultation = make_consultation(**{"earlier-botox": "on", "earlier-botox-months": "2"})
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    interval = html.split('data-flag="interval:botox">')[1].split("</li>")[0]
    # Its message says when, so it is not headed with the same words again.
    assert interval.startswith("You told us you had Botox about 2 months ago.")
    assert "Earlier Botox about 2 months ago" not in interval
    screening = html.split('data-flag="blood-thinners">')[1].split("</li>")[0]
    assert "You answered yes." in screening  # a screening question the patient did answer


def test_a_duration_of_one_figure_reads_as_about_that_long(client, catalogue):
    from treatments.catalogue import catalogue_version_renew
    from treatments.models import Indication, Treatment

    Treatment.objects.filter(slug="botox").update(duration_min_months=5, duration_max_months=5)
    Indication.objects.filter(treatment__slug="botox").update(duration_min_months=None, duration_max_months=None)
    catalogue_version_renew()
    consultation = make_consultation()
    as_sender(client, consultation)
    html = client.get(f"/consultation/{consultation.reference}/").content.decode()
    botox = html.split('data-treatment="botox"')[1].split("</article>")[0]
    assert "Usually about 5 months (this clinic&#x27;s figure), longer than the 3 to 4 months" in botox
    assert "5 to 5" not in botox
