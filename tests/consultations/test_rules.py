"""Rules come from the catalogue admins edit, are cached, and a change reaches the next suggestion only."""

import json

import pytest
from django.core.management import call_command

from consultations.models import Consultation
from consultations.rules import current_rules, rules_from_database
from tests.consultations.factories import make_consultation
from treatments.models import Indication, Precaution, Treatment

pytestmark = pytest.mark.django_db


def test_rules_hold_the_published_catalogue(catalogue):
    rules = rules_from_database()
    assert {t.slug for t in rules.treatments} == {"botox", "dermal-filler"}
    assert ("glabella", "lines-when-moving") in rules.sensible_pairs()
    assert [p.slug for p in rules.precautions][:2] == ["pregnant", "neuromuscular"]
    assert rules.version


def test_rules_carry_every_side_effect_band_as_the_admin_holds_it(catalogue):
    from treatments.models import SideEffect

    SideEffect.objects.filter(treatment__slug="botox", frequency="uncommon").update(name="Heavy eyelid")
    fillers = next(t for t in rules_from_database().treatments if t.slug == "dermal-filler")
    botox = next(t for t in rules_from_database().treatments if t.slug == "botox")
    assert botox.uncommon_side_effects == ("Heavy eyelid",)
    assert "Filler entering a blood vessel (vascular occlusion)" in dict(fillers.serious_side_effects)
    assert (
        "loss of sight or a stroke"
        in dict(fillers.serious_side_effects)["Filler entering a blood vessel (vascular occlusion)"]
    )


def test_rules_carry_the_kinds_of_concern_a_public_figure_is_for_as_the_admin_ticks_them(catalogue):
    from treatments.models import Concern

    botox = Treatment.objects.get(slug="botox")
    rule = next(t for t in rules_from_database().treatments if t.slug == "botox")
    assert rule.duration_reference_concerns == ("lines-when-moving", "lines-at-rest")  # as seeded
    botox.reference_duration_concerns.set([Concern.objects.get(slug="sweating")])
    rule = next(t for t in current_rules().treatments if t.slug == "botox")  # the edit gave a new version
    assert rule.duration_reference_concerns == ("sweating",)


def test_draft_treatments_and_their_rules_are_left_out(catalogue):
    treatment = Treatment.objects.get(slug="dermal-filler")
    treatment.status = Treatment.Status.DRAFT
    treatment.save(update_fields=["status"])
    rules = current_rules()
    assert {t.slug for t in rules.treatments} == {"botox"}
    assert all(rule.treatment == "botox" for rule in rules.indications)
    assert all("dermal-filler" not in p.treatments for p in rules.precautions)


def test_same_content_gives_the_same_version_and_an_edit_changes_it(catalogue):
    assert rules_from_database().version == rules_from_database().version
    before = rules_from_database().version
    Indication.objects.filter(area__slug="neck").update(reason="Changed")
    assert rules_from_database().version != before


def test_cached_rules_cost_one_query_for_the_catalogues_version(catalogue, django_assert_num_queries):
    current_rules()
    with django_assert_num_queries(1) as captured:
        current_rules()
    assert "treatments_catalogueversion" in captured.captured_queries[0]["sql"]


def test_saving_a_rule_clears_the_cache(catalogue):
    first = current_rules()
    rule = Indication.objects.get(treatment__slug="botox", area__slug="glabella", concern__slug="lines-when-moving")
    rule.reason = "An edited reason."
    rule.save(update_fields=["reason"])
    assert current_rules().version != first.version


def test_changing_which_treatments_a_precaution_affects_clears_the_cache(catalogue):
    current_rules()
    Precaution.objects.get(slug="eyelid-droop").treatments.add(Treatment.objects.get(slug="dermal-filler"))
    flag_treatments = {p.slug: p.treatments for p in current_rules().precautions}["eyelid-droop"]
    assert flag_treatments == ("botox", "dermal-filler")


def test_an_admin_rule_edit_changes_the_next_suggest_and_submission_but_not_an_earlier_one(
    admin_client, catalogue, capsys
):
    earlier = make_consultation()
    rule = Indication.objects.get(treatment__slug="botox", area__slug="glabella", concern__slug="lines-when-moving")
    form = {
        "treatment": rule.treatment_id,
        "area": rule.area_id,
        "concern": rule.concern_id,
        "reason": "EDITED: relaxing the frown muscle softens these lines.",
        "strength": rule.strength,
        "duration_min_months": "",
        "duration_max_months": "",
    }
    response = admin_client.post(f"/admin/treatments/indication/{rule.pk}/change/", form)
    assert response.status_code == 302
    assert response["Location"] == "/admin/treatments/indication/"

    call_command("suggest", "--concern", "glabella:lines-when-moving", "--json")
    assert "EDITED: relaxing" in capsys.readouterr().out

    later = make_consultation()
    assert "EDITED: relaxing" in later.suggestion["suggestions"][0]["reasons"][0]
    assert later.rules_version != earlier.rules_version

    earlier = Consultation.objects.get(pk=earlier.pk)
    assert "EDITED" not in earlier.suggestion["suggestions"][0]["reasons"][0]
    assert "EDITED" not in admin_client.get(f"/staff/consultations/{earlier.reference}/").content.decode()


def test_an_editor_marks_a_rule_off_label_and_adds_a_caution_in_the_admin_and_the_next_suggestion_says_so(
    admin_client, catalogue, capsys
):
    rule = Indication.objects.get(treatment__slug="botox", area__slug="forehead", concern__slug="lines-when-moving")
    form = {
        "treatment": rule.treatment_id,
        "area": rule.area_id,
        "concern": rule.concern_id,
        "reason": rule.reason,
        "strength": rule.strength,
        "caution": "Tell your practitioner about any earlier brow lift.",
        "off_label": "on",
    }
    response = admin_client.post(f"/admin/treatments/indication/{rule.pk}/change/", form)
    assert response.status_code == 302 and response["Location"] == "/admin/treatments/indication/"

    call_command("suggest", "--concern", "forehead:lines-when-moving", "--json")
    (botox,) = json.loads(capsys.readouterr().out)["suggestions"]
    assert botox["off_label"] is True
    assert "Tell your practitioner about any earlier brow lift." in botox["reasons"][0]
    assert "off-label" in botox["reasons"][0]
    assert Indication.history.filter(id=rule.pk, off_label=True).exists()  # the edit is in the rule's history


def test_an_effect_of_a_screening_answer_added_by_an_editor_holds_the_next_suggestion(catalogue):
    from treatments.models import PrecautionEffect

    PrecautionEffect.objects.create(
        precaution=Precaution.objects.get(slug="blood-thinners"),
        treatment=Treatment.objects.get(slug="dermal-filler"),
        effect=PrecautionEffect.Effect.REVIEW,
    )
    consultation = make_consultation()  # blood thinners: yes; hollow cheeks
    filler = next(s for s in consultation.suggestion["suggestions"] if s["treatment"] == "dermal-filler")
    assert filler["holds"] == [
        "Not until a practitioner has reviewed this: you told us about blood-thinning medicine or a bleeding disorder."
    ]
