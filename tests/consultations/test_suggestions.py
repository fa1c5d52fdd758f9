"""The suggestion engine on the seeded rules, with no database: what it suggests, flags and notes, and why."""

import json
from collections import defaultdict
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consultations.suggestions import (
    NO_SUGGESTION_MESSAGE,
    Answers,
    AreaRule,
    ConcernRule,
    EarlierTreatment,
    Flag,
    Rules,
    suggest,
)
from tests.consultations.seeded_rules import seeded_rules
from treatments import catalogue_content as content

RULES = seeded_rules()
EMPTY_RULES = Rules(areas=(), concerns=(), treatments=(), indications=(), precautions=())

AREAS = {a["slug"]: a for a in content.AREAS}
CONCERNS = {c["slug"]: c for c in content.CONCERNS}
TREATMENTS = {t["slug"]: t for t in content.TREATMENTS}
REGION_POSITION = {r["slug"]: r["position"] for r in content.REGIONS}
AREA_ORDER = [
    a["slug"] for a in sorted(content.AREAS, key=lambda a: (REGION_POSITION[a["region"]], a["position"], a["name"]))
]

INDICATIONS_BY_PAIR = defaultdict(list)
for _row in content.INDICATIONS:
    INDICATIONS_BY_PAIR[(_row["area"], _row["concern"])].append(_row)

SENSIBLE_PAIRS = sorted(RULES.sensible_pairs())
PRECAUTION_SLUGS = [p["slug"] for p in sorted(content.PRECAUTIONS, key=lambda p: p["position"])]
TREATMENT_SLUGS = [t.slug for t in RULES.treatments]


def pairs(*specs: str) -> frozenset[tuple[str, str]]:
    """`"glabella:lines-when-moving"` -> `("glabella", "lines-when-moving")`."""
    return frozenset(tuple(spec.split(":")) for spec in specs)


def answers(*specs: str, precautions=(), earlier=()) -> Answers:
    return Answers(
        concerns=pairs(*specs),
        precautions=frozenset(precautions),
        earlier=tuple(EarlierTreatment(t, m) for t, m in earlier),
    )


def by_treatment(result) -> dict:
    return {s.treatment: s for s in result.suggestions}


def quoted(wording: str) -> str:
    """How the engine quotes a patient's words: first letter lower-cased."""
    return wording[:1].lower() + wording[1:]


def without_treatment(rules: Rules, slug: str) -> Rules:
    """The rules once a treatment is unpublished or removed, its indications and precautions left behind."""
    return replace(rules, treatments=tuple(t for t in rules.treatments if t.slug != slug))


# ---------------------------------------------------------------------------
# The seeded rules themselves
# ---------------------------------------------------------------------------


def test_seeded_rules_list_areas_by_region_then_area_position():
    assert [a.slug for a in RULES.areas] == AREA_ORDER
    assert RULES.areas[0] == AreaRule("forehead", "Forehead", "upper-face", "Upper face")


def test_seeded_rules_carry_only_common_side_effects_and_a_version():
    botox = next(t for t in RULES.treatments if t.slug == "botox")
    assert botox.common_side_effects == ("Bruising", "Swelling", "Redness", "Pain at the injection site", "Headache")
    assert len(RULES.version) == 16
    assert seeded_rules() == RULES


# ---------------------------------------------------------------------------
# Each seeded pairing alone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pair", "indications"),
    sorted(INDICATIONS_BY_PAIR.items()),
    ids=[f"{area}:{concern}" for area, concern in sorted(INDICATIONS_BY_PAIR)],
)
def test_each_seeded_pairing_alone_suggests_its_strongest_treatment_with_reason_onset_and_duration(pair, indications):
    area, concern = pair
    strongest = max(indications, key=lambda i: (i["strength"], -TREATMENTS[i["treatment"]]["position"]))
    treatment = TREATMENTS[strongest["treatment"]]

    result = suggest(Answers(concerns=frozenset({pair})), RULES)

    top = result.suggestions[0]
    assert top.treatment == strongest["treatment"]
    assert top.name == treatment["name"]
    assert top.areas == (area,)
    assert top.area_names == (AREAS[area]["name"],)
    assert top.score == strongest["strength"]
    expected_reason = (
        f"{AREAS[area]['name']}: you told us “{quoted(CONCERNS[concern]['patient_wording'])}”. {strongest['reason']}"
    )
    assert expected_reason in top.reasons
    assert top.onset == treatment["onset_text"]
    if strongest["duration_min_months"] is not None:
        expected_duration = (strongest["duration_min_months"], strongest["duration_max_months"])
    else:
        expected_duration = (treatment["duration_min_months"], treatment["duration_max_months"])
    assert (top.duration_min_months, top.duration_max_months) == expected_duration
    assert len(result.suggestions) == len({i["treatment"] for i in indications})
    assert result.unmatched == ()
    assert result.flags == ()


# ---------------------------------------------------------------------------
# The clinic's core distinctions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "treatment"),
    [
        ("glabella:lines-when-moving", "botox"),
        ("forehead:lines-when-moving", "botox"),
        ("crows-feet:lines-when-moving", "botox"),
        ("neck:lines-when-moving", "botox"),
        ("underarms:sweating", "botox"),
        ("hands:sweating", "botox"),
        ("jaw-muscle:clenching", "botox"),
        ("cheeks:volume-loss", "dermal-filler"),
        ("lips:volume-loss", "dermal-filler"),
        ("under-eyes:volume-loss", "dermal-filler"),
        ("nasolabial-folds:lines-at-rest", "dermal-filler"),
        ("marionette-lines:lines-at-rest", "dermal-filler"),
        ("chin:volume-loss", "dermal-filler"),
        ("jawline:volume-loss", "dermal-filler"),
    ],
)
def test_the_clinics_core_distinctions_suggest_the_right_treatment(spec, treatment):
    result = suggest(answers(spec), RULES)

    assert [s.treatment for s in result.suggestions] == [treatment]
    assert result.notes == ()


# ---------------------------------------------------------------------------
# Combinations
# ---------------------------------------------------------------------------


def test_frown_lines_and_flat_cheeks_suggest_botox_and_fillers_each_for_its_own_area_and_a_combining_note():
    result = suggest(answers("glabella:lines-when-moving", "cheeks:volume-loss"), RULES)

    assert {s.treatment: s.areas for s in result.suggestions} == {
        "botox": ("glabella",),
        "dermal-filler": ("cheeks",),
    }
    assert any("Combining Botox and Dermal fillers is common" in note for note in result.notes)


def test_forehead_lines_when_moving_and_at_rest_put_botox_first_and_fillers_second():
    result = suggest(answers("forehead:lines-when-moving", "forehead:lines-at-rest"), RULES)

    assert [(s.treatment, s.areas, s.score) for s in result.suggestions] == [
        ("botox", ("forehead",), 3),
        ("dermal-filler", ("forehead",), 1),
    ]


@pytest.mark.parametrize(
    "specs",
    [
        ("neck:lines-when-moving", "glabella:lines-when-moving", "forehead:lines-when-moving"),
        ("hands:sweating", "underarms:sweating", "jaw-muscle:clenching", "crows-feet:lines-when-moving"),
        tuple(f"{i['area']}:{i['concern']}" for i in reversed(content.INDICATIONS) if i["treatment"] == "botox"),
    ],
    ids=["three-face-areas", "body-jaw-and-eyes", "every-botox-area"],
)
def test_several_botox_areas_give_one_botox_suggestion_listing_them_in_catalogue_order_with_summed_score(specs):
    result = suggest(answers(*specs), RULES)

    (botox,) = result.suggestions
    reported_areas = {spec.split(":")[0] for spec in specs}
    assert botox.treatment == "botox"
    assert list(botox.areas) == [a for a in AREA_ORDER if a in reported_areas]
    assert botox.score == sum(INDICATIONS_BY_PAIR[pair][0]["strength"] for pair in pairs(*specs))
    assert len(botox.reasons) == len(specs)
    assert not any("Combining" in note for note in result.notes)


def test_two_concerns_in_one_area_list_the_area_once_and_add_both_strengths_and_reasons():
    result = suggest(answers("nasolabial-folds:lines-at-rest", "nasolabial-folds:volume-loss"), RULES)

    (filler,) = result.suggestions
    assert filler.areas == ("nasolabial-folds",)
    assert filler.score == 3 + 2
    assert [reason.split("”")[0] for reason in filler.reasons] == [
        "Smile lines (nose to mouth): you told us “lines that are there even when my face is relaxed",
        "Smile lines (nose to mouth): you told us “hollowness, flattening or lost fullness",
    ]


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        # Lips override 6-12 months; the forehead has none, so fillers' own 6-24 applies there.
        (("lips:volume-loss", "forehead:lines-at-rest"), (6, 24)),
        (("chin:volume-loss", "glabella:lines-at-rest"), (6, 24)),
        (("lips:volume-loss", "cheeks:volume-loss"), (6, 24)),
        (("under-eyes:volume-loss", "lips:lines-at-rest"), (6, 18)),
        (("forehead:lines-at-rest", "crows-feet:lines-at-rest"), (6, 24)),
    ],
    ids=["lips-and-forehead", "chin-and-glabella", "lips-and-cheeks", "under-eyes-and-lips", "no-overrides"],
)
def test_a_combined_suggestions_duration_spans_every_areas_own_range(specs, expected):
    (filler,) = suggest(answers(*specs), RULES).suggestions

    assert (filler.duration_min_months, filler.duration_max_months) == expected


# ---------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("specs", "order"),
    [
        # 3 against 3: the tie goes to the treatment listed first in the catalogue.
        (("glabella:lines-when-moving", "cheeks:volume-loss"), ["botox", "dermal-filler"]),
        # 3 against 6.
        (("glabella:lines-when-moving", "cheeks:volume-loss", "lips:volume-loss"), ["dermal-filler", "botox"]),
        # 6 against 3.
        (
            ("glabella:lines-when-moving", "forehead:lines-when-moving", "cheeks:volume-loss"),
            ["botox", "dermal-filler"],
        ),
        # 1 + 1 + 1 against 3: a tie again.
        (
            ("forehead:lines-at-rest", "glabella:lines-at-rest", "crows-feet:lines-at-rest", "neck:lines-when-moving"),
            ["botox", "dermal-filler"],
        ),
        # 1 + 1 + 1 + 2 against 3.
        (
            (
                "forehead:lines-at-rest",
                "glabella:lines-at-rest",
                "crows-feet:lines-at-rest",
                "lips:lines-at-rest",
                "neck:lines-when-moving",
            ),
            ["dermal-filler", "botox"],
        ),
    ],
    ids=["tie", "fillers-score-more", "botox-scores-more", "many-weak-tie", "many-weak-win"],
)
def test_suggestions_are_ranked_by_score_then_treatment_position(specs, order):
    result = suggest(answers(*specs), RULES)

    assert [s.treatment for s in result.suggestions] == order
    assert suggest(answers(*reversed(specs)), RULES) == result


def test_a_tie_follows_the_catalogue_order_of_treatments_when_an_admin_reorders_them():
    reordered = replace(
        RULES,
        treatments=tuple(replace(t, position={"botox": 2, "dermal-filler": 1}[t.slug]) for t in RULES.treatments),
    )

    result = suggest(answers("glabella:lines-when-moving", "cheeks:volume-loss"), reordered)

    assert [s.treatment for s in result.suggestions] == ["dermal-filler", "botox"]
    assert "Combining Dermal fillers and Botox is common" in result.notes[-1]


# ---------------------------------------------------------------------------
# Precaution flags
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("precaution", content.PRECAUTIONS, ids=[p["slug"] for p in content.PRECAUTIONS])
def test_each_precaution_answered_yes_gives_a_flag_with_its_treatments_and_patient_note(precaution):
    result = suggest(answers("glabella:lines-when-moving", precautions=[precaution["slug"]]), RULES)

    assert result.flags == (
        Flag(
            precaution=precaution["slug"],
            question=precaution["question"],
            treatments=tuple(t for t in ("botox", "dermal-filler") if t in precaution["treatments"]),
            message=precaution["patient_note"],
            practitioner_note=precaution["practitioner_note"],
        ),
    )


def test_every_precaution_answered_yes_gives_flags_in_catalogue_order():
    result = suggest(answers("cheeks:volume-loss", precautions=reversed(PRECAUTION_SLUGS)), RULES)

    assert [f.precaution for f in result.flags] == PRECAUTION_SLUGS
    assert [f.message for f in result.flags] == [p["patient_note"] for p in content.PRECAUTIONS]


def test_blood_thinners_flag_both_treatments():
    (flag,) = suggest(answers("lips:volume-loss", precautions=["blood-thinners"]), RULES).flags

    assert flag.treatments == ("botox", "dermal-filler")


@pytest.mark.parametrize(
    "precautions", [(), ("not-a-precaution",)], ids=["all-answered-no", "unknown-slug-answered-yes"]
)
def test_precautions_answered_no_give_no_flags(precautions):
    assert suggest(answers("lips:volume-loss", precautions=precautions), RULES).flags == ()


@pytest.mark.parametrize("specs", [(), ("underarms:volume-loss",)], ids=["no-concerns", "concern-without-a-rule"])
def test_flags_appear_even_when_there_is_no_suggestion(specs):
    result = suggest(answers(*specs, precautions=["pregnant", "eyelid-droop"]), RULES)

    assert result.suggestions == ()
    assert [f.precaution for f in result.flags] == ["pregnant", "eyelid-droop"]
    assert result.notes == (NO_SUGGESTION_MESSAGE,)


# ---------------------------------------------------------------------------
# Earlier treatments
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("treatment", "months_ago", "expected"),
    [
        ("botox", 2, "You had Botox about 2 months ago"),
        ("botox", 1, "You had Botox about 1 month ago"),
        ("botox", 0, "You had Botox about less than a month ago"),
        ("botox", 5, "You had Botox about 5 months ago"),
        ("botox", 6, None),
        ("botox", 12, None),
        ("dermal-filler", 23, "You had Dermal fillers about 23 months ago"),
        ("dermal-filler", 24, None),
        ("dermal-filler", 60, None),
        ("not-a-treatment", 1, None),
    ],
)
def test_an_earlier_treatment_whose_results_may_remain_gets_a_note_and_one_past_its_duration_does_not(
    treatment, months_ago, expected
):
    result = suggest(answers("underarms:sweating", earlier=[(treatment, months_ago)]), RULES)

    earlier_notes = [note for note in result.notes if note.startswith("You had ")]
    if expected is None:
        assert earlier_notes == []
    else:
        (note,) = earlier_notes
        assert note.startswith(expected)
        duration = f"{TREATMENTS[treatment]['duration_min_months']} to {TREATMENTS[treatment]['duration_max_months']}"
        assert f"usually last {duration} months" in note
    assert [s.treatment for s in result.suggestions] == ["botox"]


@pytest.mark.parametrize(
    ("treatment", "again"),
    [("botox", True), ("dermal-filler", False)],
)
def test_an_earlier_treatment_note_says_whether_it_is_suggested_again_today(treatment, again):
    result = suggest(answers("glabella:lines-when-moving", earlier=[(treatment, 2)]), RULES)

    assert ("suggested again today" in result.notes[0]) is again


# ---------------------------------------------------------------------------
# No match
# ---------------------------------------------------------------------------


def test_an_area_with_no_rules_gives_no_suggestion_the_no_suggestion_note_and_lists_the_pair_unmatched():
    rules = replace(RULES, areas=(*RULES.areas, AreaRule("scalp", "Scalp", "body", "Body")))

    result = suggest(answers("scalp:sweating"), rules)

    assert result.suggestions == ()
    assert not result.has_suggestion
    assert result.notes == (NO_SUGGESTION_MESSAGE,)
    assert result.unmatched == (("scalp", "sweating"),)


def test_a_removed_rule_leaves_its_pair_unmatched_and_the_rest_still_suggested():
    rules = replace(
        RULES,
        indications=tuple(i for i in RULES.indications if (i.area, i.concern) != ("glabella", "lines-when-moving")),
    )

    result = suggest(answers("glabella:lines-when-moving", "cheeks:volume-loss"), rules)

    assert [(s.treatment, s.areas) for s in result.suggestions] == [("dermal-filler", ("cheeks",))]
    assert result.unmatched == (("glabella", "lines-when-moving"),)


@pytest.mark.parametrize(
    "specs",
    [
        ("underarms:volume-loss",),
        ("knees:lines-when-moving",),
        ("lips:wrinkly-toes",),
        ("lips:sweating", "neck:clenching"),
    ],
)
def test_pairs_no_rule_covers_are_listed_unmatched_in_catalogue_order(specs):
    result = suggest(answers(*reversed(specs)), RULES)

    assert result.suggestions == ()
    assert result.notes == (NO_SUGGESTION_MESSAGE,)
    assert result.unmatched == tuple(tuple(spec.split(":")) for spec in specs)


@pytest.mark.parametrize(
    "the_answers",
    [
        answers(),
        answers("glabella:lines-when-moving", "cheeks:volume-loss"),
        answers("lips:volume-loss", precautions=PRECAUTION_SLUGS, earlier=[("botox", 2), ("dermal-filler", 3)]),
    ],
    ids=["nothing", "two-concerns", "everything"],
)
def test_empty_rules_never_raise_and_suggest_nothing(the_answers):
    result = suggest(the_answers, EMPTY_RULES)

    assert result.suggestions == ()
    assert result.flags == ()
    assert result.notes == (NO_SUGGESTION_MESSAGE,)
    assert set(result.unmatched) == the_answers.concerns


# ---------------------------------------------------------------------------
# An unpublished or removed treatment
# ---------------------------------------------------------------------------


def test_rules_without_fillers_never_suggest_fillers_and_do_not_crash():
    rules = without_treatment(RULES, "dermal-filler")

    result = suggest(
        answers(
            "cheeks:volume-loss",
            "glabella:lines-when-moving",
            "forehead:lines-at-rest",
            precautions=["blood-thinners"],
            earlier=[("dermal-filler", 2)],
        ),
        rules,
    )

    assert [s.treatment for s in result.suggestions] == ["botox"]
    assert result.unmatched == (("forehead", "lines-at-rest"), ("cheeks", "volume-loss"))
    assert result.flags[0].treatments == ("botox",)
    assert result.notes == ()


def test_rules_without_fillers_answered_only_with_filler_concerns_give_the_no_suggestion_note():
    result = suggest(answers("lips:volume-loss"), without_treatment(RULES, "dermal-filler"))

    assert result.suggestions == ()
    assert result.notes == (NO_SUGGESTION_MESSAGE,)
    assert result.unmatched == (("lips", "volume-loss"),)


# ---------------------------------------------------------------------------
# How the patient's words are quoted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "quote"),
    [
        ("Heavy sweating", "heavy sweating"),
        ("TMJ pain when I chew", "TMJ pain when I chew"),
        ("I look tired", "I look tired"),
        ("x", "x"),
    ],
)
def test_the_patients_words_are_quoted_with_a_lower_case_first_letter_unless_an_acronym_or_i(wording, quote):
    rules = replace(
        RULES,
        concerns=tuple(replace(c, patient_wording=wording) if c.slug == "sweating" else c for c in RULES.concerns),
    )

    (botox,) = suggest(answers("hands:sweating"), rules).suggestions

    assert botox.reasons[0].startswith(f"Hands (palms): you told us “{quote}”. ")


def test_a_wording_starting_with_the_word_a_is_quoted_in_lower_case():
    under_eyes = next(i for i in RULES.indications if (i.area, i.concern) == ("under-eyes", "volume-loss"))
    rules = replace(
        RULES,
        concerns=(*RULES.concerns, ConcernRule("tired-look", "Tired look", "A tired look")),
        indications=(*RULES.indications, replace(under_eyes, concern="tired-look")),
    )

    (filler,) = suggest(answers("under-eyes:tired-look"), rules).suggestions

    assert "you told us “a tired look”" in filler.reasons[0]


# ---------------------------------------------------------------------------
# The stored form
# ---------------------------------------------------------------------------


def test_as_dict_has_the_stored_shape_and_is_json_serialisable():
    result = suggest(
        answers(
            "glabella:lines-when-moving",
            "cheeks:volume-loss",
            "underarms:volume-loss",
            precautions=["allergy"],
            earlier=[("botox", 2)],
        ),
        RULES,
    )

    data = result.as_dict()

    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"suggestions", "flags", "notes", "unmatched", "rules_version"}
    botox = data["suggestions"][0]
    assert set(botox) == {
        "treatment",
        "name",
        "areas",
        "area_names",
        "reasons",
        "score",
        "onset",
        "duration_months",
        "common_side_effects",
    }
    assert botox["treatment"] == "botox"
    assert botox["name"] == "Botox"
    assert botox["areas"] == ["glabella"]
    assert botox["area_names"] == ["Between the brows"]
    assert botox["duration_months"] == [4, 6]
    assert [s["treatment"] for s in data["suggestions"]] == ["botox", "dermal-filler"]
    assert data["flags"] == [
        {
            "precaution": "allergy",
            "question": content.PRECAUTIONS[2]["question"],
            "treatments": ["botox", "dermal-filler"],
            "message": content.PRECAUTIONS[2]["patient_note"],
            "practitioner_note": content.PRECAUTIONS[2]["practitioner_note"],
        }
    ]
    assert len(data["notes"]) == 2
    assert data["unmatched"] == [["underarms", "volume-loss"]]
    assert data["rules_version"] == RULES.version


# ---------------------------------------------------------------------------
# Properties over any valid combination of answers
# ---------------------------------------------------------------------------

valid_answers = st.tuples(
    st.lists(st.sampled_from(SENSIBLE_PAIRS), min_size=1, unique=True),
    st.lists(st.sampled_from(PRECAUTION_SLUGS), unique=True),
    st.lists(st.tuples(st.sampled_from(TREATMENT_SLUGS), st.integers(0, 60)), max_size=3),
)


def build(concerns, precautions, earlier) -> Answers:
    return Answers(
        concerns=frozenset(concerns),
        precautions=frozenset(precautions),
        earlier=tuple(EarlierTreatment(t, m) for t, m in earlier),
    )


def covered(suggestion, area: str, reported: frozenset) -> bool:
    return any(
        i.treatment == suggestion.treatment and i.area == area and (i.area, i.concern) in reported
        for i in RULES.indications
    )


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_any_valid_combination_of_answers_gives_a_well_formed_result(raw):
    the_answers = build(*raw)
    reported_areas = {area for area, _ in the_answers.concerns}

    result = suggest(the_answers, RULES)

    assert result.suggestions
    for suggestion in result.suggestions:
        assert suggestion.treatment in TREATMENT_SLUGS
        assert set(suggestion.areas) <= reported_areas
        assert len(set(suggestion.areas)) == len(suggestion.areas)
        assert all(covered(suggestion, area, the_answers.concerns) for area in suggestion.areas)
        assert suggestion.reasons
        assert suggestion.duration_min_months <= suggestion.duration_max_months
    scores = [s.score for s in result.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert [f.precaution for f in result.flags] == [p for p in PRECAUTION_SLUGS if p in the_answers.precautions]
    assert NO_SUGGESTION_MESSAGE not in result.notes


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_suggest_is_deterministic_whatever_order_the_answers_are_built_in(raw):
    concerns, precautions, earlier = raw

    first = suggest(build(concerns, precautions, earlier), RULES)

    assert suggest(build(concerns, precautions, earlier), RULES) == first
    assert suggest(build(concerns[::-1], precautions[::-1], earlier[::-1]), RULES) == first
    assert json.dumps(first.as_dict()) == json.dumps(suggest(build(concerns, precautions, earlier), RULES).as_dict())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([(a.slug, c.slug) for a in RULES.areas for c in RULES.concerns]), unique=True))
def test_every_reported_pair_is_either_covered_by_a_suggestion_or_listed_unmatched(reported):
    the_answers = Answers(concerns=frozenset(reported))

    result = suggest(the_answers, RULES)

    suggested = {
        (area, concern)
        for s in result.suggestions
        for area in s.areas
        for (a, concern) in the_answers.concerns
        if a == area and covered(s, area, frozenset({(area, concern)}))
    }
    assert suggested | set(result.unmatched) == the_answers.concerns
    assert not suggested & set(result.unmatched)
    assert set(result.unmatched) == the_answers.concerns - RULES.sensible_pairs()
