"""The intake form exports as a valid FHIR Questionnaire, and each consultation as its QuestionnaireResponse."""

import json

import pytest

# fhir.resources 8 has no plain R4 package; R4B (4.3.0) is the closest, with the same two resources as R4.
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from consultations.fhir import QUESTIONNAIRE_URL, questionnaire, questionnaire_response
from consultations.forms import IntakeForm
from consultations.models import Consultation
from consultations.rules import current_rules
from consultations.suggestions import Rules
from tests.consultations.factories import make_consultation

pytestmark = pytest.mark.django_db

NOT_ASKED_OF_PEOPLE = {"website", "submission_token"}
SECTIONS = ["about-you", "what-bothers-you", "earlier-treatments", "medical-screening", "consent-section"]


def leaves(items: list[dict]) -> list[dict]:
    """The question items under some items, in order, without their groups."""
    found = []
    for item in items:
        found += leaves(item["item"]) if "item" in item else [item]
    return found


def by_link_id(resource: dict) -> dict[str, dict]:
    return {item["linkId"]: item for item in leaves(resource["item"])}


def values(response: dict, link_id: str) -> list:
    """The answer values, whichever value[x] they are, for one linkId in a QuestionnaireResponse."""
    answers = by_link_id(response)[link_id]["answer"]
    return [next(v for k, v in answer.items() if k.startswith("value")) for answer in answers]


def test_questionnaire_is_valid_fhir(catalogue):
    data = questionnaire(current_rules())
    parsed = Questionnaire.model_validate(data)
    assert parsed.status == "active"
    assert data["url"] == QUESTIONNAIRE_URL
    assert data["version"] == current_rules().version
    assert [group["linkId"] for group in data["item"]] == SECTIONS


def all_link_ids(items: list[dict]) -> list[str]:
    """Every linkId under some items, groups included."""
    return [link_id for item in items for link_id in [item["linkId"], *all_link_ids(item.get("item", []))]]


def test_questionnaire_link_ids_are_unique_groups_included(catalogue):
    link_ids = all_link_ids(questionnaire(current_rules())["item"])
    assert len(link_ids) == len(set(link_ids))


def test_questionnaire_leaves_out_a_section_with_no_questions(catalogue):
    rules = current_rules()
    no_treatments = Rules(**{**rules.__dict__, "treatments": (), "indications": ()})
    data = questionnaire(no_treatments)
    Questionnaire.model_validate(data)
    assert "earlier-treatments" not in [group["linkId"] for group in data["item"]]


def test_questionnaire_has_an_item_for_every_intake_form_field(catalogue):
    form = IntakeForm(rules=current_rules())
    link_ids = [item["linkId"] for item in leaves(questionnaire(current_rules())["item"])]
    assert len(link_ids) == len(set(link_ids))
    assert set(link_ids) == set(form.fields) - NOT_ASKED_OF_PEOPLE


def test_questionnaire_items_have_the_types_and_wording_of_the_form(catalogue):
    items = by_link_id(questionnaire(current_rules()))
    glabella = items["area-glabella"]
    assert (glabella["type"], glabella["repeats"]) == ("choice", True)
    codings = [option["valueCoding"] for option in glabella["answerOption"]]
    assert {"urn:clinic:concern"} == {coding["system"] for coding in codings}
    assert "lines-when-moving" in [coding["code"] for coding in codings]
    assert all(coding["display"] for coding in codings)
    assert items["date_of_birth"]["type"] == "date"
    assert items["full_name"]["required"] is True and items["phone"]["required"] is False
    pregnant = next(p for p in current_rules().precautions if p.slug == "pregnant")
    assert (items["screening-pregnant"]["type"], items["screening-pregnant"]["text"]) == ("boolean", pregnant.question)
    assert items["screening-pregnant-detail"]["type"] == "string"
    assert items["goals"]["type"] == "text"
    assert items["earlier-botox-months"]["type"] == "integer"
    assert items["earlier-botox-months"]["enableWhen"][0]["question"] == "earlier-botox"
    severities = [option["valueCoding"]["code"] for option in items["severity-cheeks"]["answerOption"]]
    assert severities == ["mild", "moderate", "marked"]


def test_questionnaire_response_is_valid_fhir_and_completed(catalogue):
    consultation = make_consultation()
    data = questionnaire_response(consultation)
    parsed = QuestionnaireResponse.model_validate(data)
    assert parsed.status == "completed"
    assert data["id"] == consultation.reference
    assert data["identifier"] == {"system": "urn:clinic:consultation", "value": consultation.reference}
    assert data["questionnaire"] == f"{QUESTIONNAIRE_URL}|{consultation.rules_version}"
    assert data["authored"] == consultation.created_at.isoformat()
    assert data["authored"].endswith("+00:00")


def test_questionnaire_response_holds_the_answers_given(catalogue):
    data = questionnaire_response(make_consultation())
    assert [c["code"] for c in values(data, "area-glabella")] == ["lines-when-moving"]
    assert [c["code"] for c in values(data, "area-cheeks")] == ["volume-loss"]
    assert values(data, "area-cheeks")[0]["system"] == "urn:clinic:concern"
    assert [c["code"] for c in values(data, "severity-cheeks")] == ["moderate"]
    assert values(data, "screening-blood-thinners") == [True]
    assert values(data, "screening-blood-thinners-detail") == ["Warfarin"]
    assert values(data, "screening-pregnant") == [False]
    assert values(data, "date_of_birth") == ["1985-04-23"]
    assert values(data, "full_name") == ["Ada Lovelace"]
    assert values(data, "email") == ["ada@example.com"]
    assert values(data, "consent") == [True]


def test_questionnaire_response_leaves_out_what_was_not_answered(catalogue):
    data = questionnaire_response(make_consultation(goals=""))
    answered = by_link_id(data)
    assert "phone" not in answered and "goals" not in answered and "severity-glabella" not in answered
    assert "screening-pregnant-detail" not in answered
    assert "earlier-treatments" not in [group["linkId"] for group in data["item"]]
    for item in answered.values():
        assert item["answer"]
        for answer in item["answer"]:
            assert [key for key in answer if key.startswith("value")] and None not in answer.values()


def test_every_link_id_in_the_response_is_in_the_questionnaire_in_the_same_section(catalogue):
    data = questionnaire_response(make_consultation(**{"earlier-botox": "on", "earlier-botox-months": "3"}))
    asked = questionnaire(current_rules())
    sections = {group["linkId"]: {item["linkId"] for item in group["item"]} for group in asked["item"]}
    for group in data["item"]:
        assert {item["linkId"] for item in group["item"]} <= sections[group["linkId"]]
    assert set(all_link_ids(data["item"])) <= set(all_link_ids(asked["item"]))


def test_questionnaire_response_includes_an_earlier_treatment_and_its_months(catalogue):
    consultation = make_consultation(
        **{"earlier-botox": "on", "earlier-botox-months": "3", "earlier-botox-outcome": "Fine, wore off fast"}
    )
    data = questionnaire_response(consultation)
    QuestionnaireResponse.model_validate(data)
    assert values(data, "earlier-botox") == [True]
    assert by_link_id(data)["earlier-botox-months"]["answer"] == [{"valueInteger": 3}]
    assert values(data, "earlier-botox-outcome") == ["Fine, wore off fast"]
    assert "earlier-dermal-filler" not in by_link_id(data)


def test_both_resources_are_json_serialisable(catalogue):
    consultation = make_consultation()
    for data in (questionnaire(current_rules()), questionnaire_response(consultation)):
        assert json.loads(json.dumps(data)) == data


def test_html_in_an_answer_comes_out_unchanged_for_the_consumer_to_escape(catalogue):
    script = "<script>alert(1)</script>"
    data = questionnaire_response(make_consultation(goals=script))
    assert values(data, "goals") == [script]
    assert json.loads(json.dumps(data))["item"][1]["item"][-1]["answer"][0]["valueString"] == script
    assert "&lt;" not in json.dumps(data)


def test_questionnaire_response_takes_three_queries(catalogue, django_assert_num_queries):
    reference = make_consultation().reference
    consultation = Consultation.objects.get(reference=reference)
    with django_assert_num_queries(3):
        questionnaire_response(consultation)


def test_the_response_carries_what_the_patient_was_shown_off_label_uses_and_holds_included(catalogue):
    consultation = make_consultation(
        **{"area-jaw-muscle": ["clenching"], "screening-pregnant": "yes", "screening-pregnant-detail": ""}
    )
    data = questionnaire_response(consultation)
    QuestionnaireResponse.model_validate(data)
    shown = {
        part["extension"][0]["valueCoding"]["code"]: {e["url"]: e for e in part["extension"]}
        for part in data["extension"]
        if part["url"] == "urn:clinic:fhir:suggestion-shown"
    }
    assert shown["botox"]["offLabel"]["valueBoolean"] is True
    assert shown["botox"]["hold"]["valueString"].startswith("Usually postponed")
    assert shown["dermal-filler"]["offLabel"]["valueBoolean"] is False
