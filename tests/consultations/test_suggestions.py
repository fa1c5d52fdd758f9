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


def test_a_public_figure_for_some_concerns_is_given_only_beside_a_suggestion_for_one_of_them():
    figure = " (this clinic's figure), longer than the 3 to 4 months given by the NHS, for lines and wrinkles"
    botox = next(t for t in RULES.treatments if t.slug == "botox")
    assert botox.duration_reference_concerns == ("lines-when-moving", "lines-at-rest")
    rules = with_nhs_figure(RULES)

    (sweating,) = suggest(answers("underarms:sweating", "jaw-muscle:clenching"), rules).suggestions
    assert sweating.duration_reference == ""
    (both,) = suggest(answers("underarms:sweating", "forehead:lines-when-moving"), rules).suggestions
    assert both.duration_reference == figure  # it is about one of the concerns suggested for

    for_every_concern = replace(
        rules, treatments=tuple(replace(t, duration_reference_concerns=()) for t in rules.treatments)
    )
    (sweating,) = suggest(answers("underarms:sweating"), for_every_concern).suggestions
    assert sweating.duration_reference == figure


def test_the_public_figure_says_the_clinics_runs_longer_only_where_it_does():
    lines = answers("forehead:lines-when-moving")

    (shorter,) = suggest(lines, with_nhs_figure(RULES, months=(3, 4))).suggestions
    assert shorter.duration_reference.startswith(" (this clinic's figure), longer than the 3 to 4 months given by")
    (same,) = suggest(lines, with_nhs_figure(RULES, months=(4, 6))).suggestions
    assert same.duration_reference == " (this clinic's figure); 4 to 6 months according to the NHS, for lines and " + (
        "wrinkles"
    )


def test_the_public_figure_stands_beside_the_clinics_own_figure_not_an_areas_sourced_months():
    lips = answers("lips:volume-loss")
    rules = with_nhs_figure(RULES, treatment="dermal-filler", months=(6, 12))

    (general,) = suggest(lips, rules).suggestions
    assert (general.duration_min_months, general.duration_max_months) == (6, 24)
    assert "(this clinic's figure), longer than the 6 to 12 months" in general.duration_reference
    (own,) = suggest(lips, with_area_months(rules, "lips", (6, 12))).suggestions
    assert (own.duration_min_months, own.duration_max_months) == (6, 12)
    assert own.duration_reference == ""  # the area's months carry their own source: not "this clinic's figure"


def test_the_note_on_combining_treatments_claims_no_more_concerns_than_the_patient_described():
    # Lines at rest in the forehead: one concern, for which both treatments are suggested (clinical-facts.md).
    result = suggest(answers("forehead:lines-at-rest"), RULES)

    assert {s.treatment for s in result.suggestions} == {"botox", "dermal-filler"}
    (note,) = [note for note in result.notes if "Combining" in note]
    assert note.startswith("More than one treatment could be discussed for what you described.")
    assert "more than one kind of concern" not in " ".join(result.notes)


def test_seeded_rules_carry_every_side_effect_band_and_a_version():
    botox = next(t for t in RULES.treatments if t.slug == "botox")
    assert botox.common_side_effects == ("Bruising", "Swelling", "Redness", "Pain at the injection site", "Headache")
    assert botox.uncommon_side_effects == ("Drooping eyelid or eyebrow",)
    assert [name for name, _ in botox.serious_side_effects] == [
        "Spread of the effect beyond the treated area",
        "Allergic reaction",
    ]
    assert "boxed warning" in botox.serious_side_effects[0][1]
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
    # A caution and the off-label explanation follow the reason, when the rule has them.
    parts = [expected_reason, strongest["caution"], treatment["off_label_note"] if strongest["off_label"] else ""]
    assert top.reasons == (" ".join(part for part in parts if part),)
    assert top.off_label is strongest["off_label"]
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
# Safety rules (clinical-facts.md, "Safety facts every page and suggestion must carry")
# ---------------------------------------------------------------------------

EYE_AREAS = ("glabella", "crows-feet", "under-eyes", "forehead")


@pytest.mark.parametrize(
    ("area", "first"),
    [("glabella", "botox"), ("forehead", "botox"), ("crows-feet", "botox")],
)
def test_lines_at_rest_in_the_upper_face_suggest_botox_first_and_filler_with_the_blood_vessel_caution(area, first):
    result = suggest(answers(f"{area}:lines-at-rest"), RULES)

    assert [s.treatment for s in result.suggestions] == [first, "dermal-filler"]
    filler = by_treatment(result)["dermal-filler"]
    assert "block a blood vessel" in filler.reasons[0]
    assert "block a blood vessel" not in by_treatment(result)["botox"].reasons[0]


@pytest.mark.parametrize("spec", [f"{a}:{c}" for a, c in SENSIBLE_PAIRS if a in EYE_AREAS])
def test_every_filler_suggestion_near_the_eyes_or_brows_carries_the_caution(spec):
    filler = by_treatment(suggest(answers(spec), RULES)).get("dermal-filler")
    if filler is not None:
        assert all("block a blood vessel" in reason for reason in filler.reasons)


@pytest.mark.parametrize(
    ("spec", "off_label"),
    [
        ("jaw-muscle:clenching", True),
        ("hands:sweating", True),
        ("neck:lines-at-rest", True),
        ("neck:lines-when-moving", False),
        ("underarms:sweating", False),
        ("glabella:lines-when-moving", False),
    ],
)
def test_off_label_uses_say_so_in_the_reason_and_on_the_suggestion(spec, off_label):
    botox = by_treatment(suggest(answers(spec), RULES))["botox"]

    assert botox.off_label is off_label
    assert ("off-label" in botox.reasons[0]) is off_label
    assert ("your practitioner will explain what that means" in botox.reasons[0]) is off_label
    assert bool(botox.off_label_area_names) is off_label


def test_only_the_areas_with_an_off_label_use_are_named_as_such():
    botox = by_treatment(suggest(answers("underarms:sweating", "jaw-muscle:clenching"), RULES))["botox"]

    assert set(botox.area_names) == {"Underarms", "Jaw muscle (clenching and grinding)"}
    assert botox.off_label_area_names == ("Jaw muscle (clenching and grinding)",)


def test_an_admin_marking_a_rule_off_label_or_adding_a_caution_shows_in_the_next_suggestion():
    edited = replace(
        RULES,
        indications=tuple(
            replace(i, off_label=True, caution="Ask about earlier surgery here.")
            if (i.treatment, i.area, i.concern) == ("botox", "forehead", "lines-when-moving")
            else i
            for i in RULES.indications
        ),
    )
    (botox,) = suggest(answers("forehead:lines-when-moving"), edited).suggestions

    assert botox.off_label
    assert "Ask about earlier surgery here." in botox.reasons[0] and "off-label" in botox.reasons[0]


@pytest.mark.parametrize(
    ("months_ago", "flagged"),
    # "About 3 months ago" may be less than 90 days.
    [(0, True), (1, True), (2, True), (3, True), (4, False)],
)
def test_botox_inside_its_minimum_interval_raises_a_practitioner_flag(months_ago, flagged):
    result = suggest(answers("glabella:lines-when-moving", earlier=[("botox", months_ago)]), RULES)

    flags = [f for f in result.flags if f.precaution == "interval:botox"]
    assert bool(flags) is flagged
    if flagged:
        assert "90 days" in flags[0].practitioner_note and "90 days" in flags[0].message
        assert flags[0].treatments == ("botox",)
        assert flags[0].label.startswith("Earlier Botox")


@pytest.mark.parametrize(
    ("days", "months_ago", "flagged"),
    # "About N months ago" may be half a month less: flagged while N months less half a month is inside the interval.
    [(84, 3, True), (84, 4, False), (100, 3, True), (100, 4, False), (120, 4, True), (120, 5, False)],
)
def test_an_interval_an_admin_sets_is_flagged_about_as_the_answer_may_mean(days, months_ago, flagged):
    edited = replace(
        RULES,
        treatments=tuple(replace(t, min_interval_days=days) if t.slug == "botox" else t for t in RULES.treatments),
    )
    result = suggest(answers("glabella:lines-when-moving", earlier=[("botox", months_ago)]), edited)

    assert any(f.precaution == "interval:botox" for f in result.flags) is flagged


def test_a_treatment_without_a_minimum_interval_raises_no_flag_and_an_admins_interval_does():
    assert not suggest(answers("lips:volume-loss", earlier=[("dermal-filler", 1)]), RULES).flags
    edited = replace(
        RULES,
        treatments=tuple(
            replace(t, min_interval_days=180) if t.slug == "dermal-filler" else t for t in RULES.treatments
        ),
    )
    (flag,) = suggest(answers("lips:volume-loss", earlier=[("dermal-filler", 4)]), edited).flags
    assert flag.precaution == "interval:dermal-filler" and "180 days" in flag.practitioner_note


HOLDS = [
    ("pregnant", {"botox": "Usually postponed", "dermal-filler": "Usually postponed"}),
    ("skin-infection", {"botox": "Usually postponed", "dermal-filler": "Usually postponed"}),
    ("neuromuscular", {"botox": "Not until a practitioner has reviewed this"}),
    ("allergy-toxin", {"botox": "Not until a practitioner has reviewed this"}),
    ("allergy-hyaluronic-acid", {"dermal-filler": "Not until a practitioner has reviewed this"}),
    ("allergy-lidocaine", {"dermal-filler": "Not until a practitioner has reviewed this"}),
    (
        "allergy-other",
        {
            "botox": "Not until a practitioner has reviewed this",
            "dermal-filler": "Not until a practitioner has reviewed this",
        },
    ),
    ("blood-thinners", {}),
    ("eyelid-droop", {}),
]


@pytest.mark.parametrize(("precaution", "expected"), HOLDS, ids=[h[0] for h in HOLDS])
def test_a_contraindication_changes_the_suggestion_itself_not_only_the_flags(precaution, expected):
    result = suggest(answers("glabella:lines-when-moving", "lips:volume-loss", precautions=[precaution]), RULES)

    holds = {s.treatment: s.holds for s in result.suggestions}
    for treatment in ("botox", "dermal-filler"):
        if treatment in expected:
            (hold,) = holds[treatment]
            assert hold.startswith(expected[treatment] + ": you told us about ")
        else:
            assert holds[treatment] == ()
    assert [f.precaution for f in result.flags] == [precaution]
    # Combining is planned only for treatments neither postponed nor waiting for a review.
    assert any("Combining" in note for note in result.notes) == (not expected)


def test_an_effect_the_admin_adds_reaches_the_next_suggestion():
    edited = replace(
        RULES,
        precautions=tuple(
            replace(p, effects=(("botox", "postponed"),)) if p.slug == "blood-thinners" else p
            for p in RULES.precautions
        ),
    )
    (botox,) = suggest(answers("glabella:lines-when-moving", precautions=["blood-thinners"]), edited).suggestions
    assert botox.holds and botox.holds[0].startswith("Usually postponed")


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
    assert any("Combining Botox and dermal fillers is common" in note for note in result.notes)


def test_forehead_lines_when_moving_and_at_rest_put_botox_first_and_fillers_second():
    result = suggest(answers("forehead:lines-when-moving", "forehead:lines-at-rest"), RULES)

    assert [(s.treatment, s.areas, s.score) for s in result.suggestions] == [
        ("botox", ("forehead",), 3),
        ("dermal-filler", ("forehead",), 1),
    ]


BOTOX_ONLY_PAIRS = tuple(
    f"{i['area']}:{i['concern']}"
    for i in reversed(content.INDICATIONS)
    if i["treatment"] == "botox" and len(INDICATIONS_BY_PAIR[(i["area"], i["concern"])]) == 1
)


@pytest.mark.parametrize(
    "specs",
    [
        ("neck:lines-when-moving", "glabella:lines-when-moving", "forehead:lines-when-moving"),
        ("hands:sweating", "underarms:sweating", "jaw-muscle:clenching", "crows-feet:lines-when-moving"),
        BOTOX_ONLY_PAIRS,
    ],
    ids=["three-face-areas", "body-jaw-and-eyes", "every-botox-only-area"],
)
def test_several_botox_areas_give_one_botox_suggestion_in_catalogue_order_scored_by_its_strongest_rule(specs):
    # Botox's rules for these pairs are equally strong, so the catalogue's order of areas decides.
    result = suggest(answers(*specs), RULES)

    (botox,) = result.suggestions
    reported_areas = {spec.split(":")[0] for spec in specs}
    assert botox.treatment == "botox"
    assert list(botox.areas) == [a for a in AREA_ORDER if a in reported_areas]
    assert botox.score == max(INDICATIONS_BY_PAIR[pair][0]["strength"] for pair in pairs(*specs))
    assert len(botox.reasons) == len(specs)
    assert not any("Combining" in note for note in result.notes)


def test_within_a_suggestion_the_usual_uses_come_before_a_sometimes_used_one():
    # Filler between the brows is a sometimes-used rule and the riskiest area: the patient reads it last.
    result = suggest(answers("glabella:lines-at-rest", "under-eyes:volume-loss", "cheeks:volume-loss"), RULES)

    filler = by_treatment(result)["dermal-filler"]
    assert filler.areas == ("under-eyes", "cheeks", "glabella")
    assert [reason.split(":")[0] for reason in filler.reasons] == ["Under the eyes", "Cheeks", "Between the brows"]
    assert filler.area_names == ("Under the eyes", "Cheeks", "Between the brows")
    assert by_treatment(result)["botox"].areas == ("glabella",)


def test_an_areas_reasons_stay_together_under_it():
    # Forehead lines at rest are a weaker Botox rule than the lines when moving there or between the brows.
    specs = ("forehead:lines-when-moving", "forehead:lines-at-rest", "glabella:lines-when-moving")
    botox = by_treatment(suggest(answers(*specs), RULES))["botox"]
    assert botox.areas == ("forehead", "glabella")
    assert [reason.split("”")[0] for reason in botox.reasons] == [
        "Forehead: you told us “lines that show when I move or make an expression",
        "Forehead: you told us “lines that are there even when I am relaxed",
        "Between the brows: you told us “lines that show when I move or make an expression",
    ]


def test_two_concerns_in_one_area_list_the_area_once_with_both_reasons():
    result = suggest(answers("nasolabial-folds:lines-at-rest", "nasolabial-folds:volume-loss"), RULES)

    (filler,) = result.suggestions
    assert filler.areas == ("nasolabial-folds",)
    assert filler.score == 3
    assert [reason.split("”")[0] for reason in filler.reasons] == [
        "Smile lines (nose to mouth): you told us “lines that are there even when I am relaxed",
        "Smile lines (nose to mouth): you told us “hollowness, flattening or lost fullness",
    ]


def with_nhs_figure(rules: Rules, treatment: str = "botox", months: tuple[int, int] = (3, 4)) -> Rules:
    """The rules once an admin gives `treatment` the public sources' figure for lines and wrinkles."""
    return replace(
        rules,
        treatments=tuple(
            replace(t, duration_reference_months=months, duration_reference_source="the NHS, for lines and wrinkles")
            if t.slug == treatment
            else t
            for t in rules.treatments
        ),
    )


def with_area_months(rules: Rules, area: str, months: tuple[int, int]) -> Rules:
    """The rules once an admin gives fillers' rule in `area` its own sourced months."""
    return replace(
        rules,
        indications=tuple(
            replace(i, duration_min_months=months[0], duration_max_months=months[1])
            if (i.treatment, i.area) == ("dermal-filler", area)
            else i
            for i in rules.indications
        ),
    )


@pytest.mark.parametrize(
    ("specs", "area_months", "expected"),
    [
        # Seeded rules carry no per-area months (none had a source): fillers' own 6-24 applies.
        (("lips:volume-loss",), None, (6, 24)),
        (("under-eyes:volume-loss", "cheeks:volume-loss"), None, (6, 24)),
        # An area with its own sourced months uses them; several areas span them all.
        (("lips:volume-loss",), ("lips", (6, 12)), (6, 12)),
        (("lips:volume-loss", "cheeks:volume-loss"), ("lips", (6, 12)), (6, 24)),
    ],
    ids=["seeded-lips", "seeded-two-areas", "sourced-lips", "sourced-lips-and-cheeks"],
)
def test_a_suggestions_duration_uses_sourced_area_months_or_the_treatments_range(specs, area_months, expected):
    rules = with_area_months(RULES, area_months[0], area_months[1]) if area_months else RULES
    (filler,) = suggest(answers(*specs), rules).suggestions

    assert (filler.duration_min_months, filler.duration_max_months) == expected


# ---------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------


# The order: nothing held back first; then the strongest rule; then more kinds of concern; then the catalogue.
RANKING = [
    # Both usual choices, one kind of concern each: the catalogue's order.
    ("tie", ("glabella:lines-when-moving", "cheeks:volume-loss"), (), ["botox", "dermal-filler"]),
    # More filler areas do not outrank Botox: both are usual choices for one kind of concern each.
    (
        "more-filler-areas-still-a-tie",
        ("glabella:lines-when-moving", "cheeks:volume-loss", "lips:volume-loss", "chin:volume-loss"),
        (),
        ["botox", "dermal-filler"],
    ),
    # A usual choice before a sometimes-used one.
    ("strongest-rule", ("forehead:lines-at-rest",), (), ["botox", "dermal-filler"]),
    # Every concern ticked: Botox answers four kinds (moving, at rest, sweating, clenching), fillers two.
    ("everything", tuple(f"{a}:{c}" for a, c in SENSIBLE_PAIRS), (), ["botox", "dermal-filler"]),
    # Fillers answer two kinds here (volume, lines at rest), Botox one.
    (
        "more-kinds-of-concern",
        ("glabella:lines-when-moving", "lips:volume-loss", "lips:lines-at-rest"),
        (),
        ["dermal-filler", "botox"],
    ),
    # A condition that holds Botox back puts fillers first, whatever else.
    ("held-back", tuple(f"{a}:{c}" for a, c in SENSIBLE_PAIRS), ("neuromuscular",), ["dermal-filler", "botox"]),
    # Even between the brows, where Botox is the usual choice: a toxin allergy stands against it (the fillers there
    # carry the blood-vessel caution).
    ("held-back-between-the-brows", ("glabella:lines-at-rest",), ("allergy-toxin",), ["dermal-filler", "botox"]),
]


@pytest.mark.parametrize(("specs", "precautions", "order"), [r[1:] for r in RANKING], ids=[r[0] for r in RANKING])
def test_suggestions_are_ranked_by_clinical_sense(specs, precautions, order):
    result = suggest(answers(*specs, precautions=precautions), RULES)

    assert [s.treatment for s in result.suggestions] == order
    assert suggest(answers(*reversed(specs), precautions=precautions), RULES) == result


def test_a_tie_follows_the_catalogue_order_of_treatments_when_an_admin_reorders_them():
    reordered = replace(
        RULES,
        treatments=tuple(replace(t, position={"botox": 2, "dermal-filler": 1}[t.slug]) for t in RULES.treatments),
    )

    result = suggest(answers("glabella:lines-when-moving", "cheeks:volume-loss"), reordered)

    assert [s.treatment for s in result.suggestions] == ["dermal-filler", "botox"]
    assert "Combining dermal fillers and Botox is common" in result.notes[-1]


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
            label=precaution["name"],
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


# What the interval flag says instead of a note, for an earlier Botox inside its 90 days.
INTERVAL_MESSAGES = {
    0: "You told us you had Botox less than a month ago. It is usually given no more often than every 90 days, and "
    "its results usually last 4 to 6 months. Some effect may remain: your practitioner will check the timing with "
    "you.",
    2: "You told us you had Botox about 2 months ago. It is usually given no more often than every 90 days, and its "
    "results usually last 4 to 6 months. Some effect may remain: your practitioner will check the timing with you.",
    3: "You told us you had Botox about 3 months ago. It is usually given no more often than every 90 days, and its "
    "results usually last 4 to 6 months. Some effect may remain: your practitioner will check the timing with you.",
}


@pytest.mark.parametrize(
    ("treatment", "months_ago", "expected"),
    [
        # Inside (or about at) Botox's 90 days the interval flag says "You told us you had Botox ..." already: no
        # note repeats it.
        ("botox", 2, None),
        ("botox", 0, None),
        ("botox", 3, None),
        ("botox", 5, "You told us you had Botox about 5 months ago, and that treatment is among today's suggestions."),
        ("botox", 6, None),
        ("botox", 12, None),
        ("dermal-filler", 23, "You told us you had dermal fillers about 23 months ago."),
        ("dermal-filler", 24, None),
        ("dermal-filler", 60, None),
        ("not-a-treatment", 1, None),
    ],
)
def test_an_earlier_treatment_whose_results_may_remain_gets_a_note_and_one_past_its_duration_does_not(
    treatment, months_ago, expected
):
    result = suggest(answers("underarms:sweating", earlier=[(treatment, months_ago)]), RULES)

    earlier_notes = [note for note in result.notes if note.startswith("You told us you had ")]
    flagged = [flag.message for flag in result.flags if flag.precaution.startswith("interval:")]
    assert flagged == (
        [INTERVAL_MESSAGES[months_ago]] if treatment == "botox" and months_ago in INTERVAL_MESSAGES else []
    )
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
def test_an_earlier_treatment_note_says_whether_it_is_among_todays_suggestions(treatment, again):
    result = suggest(answers("glabella:lines-when-moving", earlier=[(treatment, 4)]), RULES)

    assert ("among today's suggestions" in result.notes[0]) is again


@pytest.mark.parametrize("months_ago", [2, 5])
def test_the_flag_or_note_on_an_earlier_treatment_gives_the_public_figure_where_the_card_beside_it_does(months_ago):
    figure = " (this clinic's figure), longer than the 3 to 4 months given by the NHS, for lines and wrinkles"
    rules = with_nhs_figure(RULES)

    for specs, shown in [
        (("forehead:lines-when-moving",), True),
        (("underarms:sweating",), False),
        # Lines beside the mouth are for fillers' card: Botox's, beside the flag, is for sweating only.
        (("underarms:sweating", "nasolabial-folds:lines-at-rest"), False),
    ]:
        result = suggest(answers(*specs, earlier=[("botox", months_ago)]), rules)
        card = next(s for s in result.suggestions if s.treatment == "botox")
        told = [f.message for f in result.flags if f.precaution == "interval:botox"] + [
            n for n in result.notes if n.startswith("You told us you had Botox")
        ]
        assert len(told) == 1
        assert card.duration_reference == (figure if shown else "")
        assert f"usually last 4 to 6 months{figure if shown else ''}. Some effect may remain" in told[0]


def test_the_note_on_an_earlier_filler_quotes_the_suggested_areas_months_not_the_general_range():
    rules = with_area_months(RULES, "lips", (6, 12))
    result = suggest(answers("lips:volume-loss", earlier=[("dermal-filler", 3)]), rules)

    assert "usually last 6 to 12 months" in result.notes[0]


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
    assert result.unmatched == (("cheeks", "volume-loss"),)
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
            precautions=["allergy-other"],
            earlier=[("botox", 4)],
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
        "name_in_sentence",
        "areas",
        "area_names",
        "reasons",
        "score",
        "onset",
        "duration_months",
        "common_side_effects",
        "uncommon_side_effects",
        "serious_side_effects",
        "off_label",
        "off_label_area_names",
        "holds",
        "duration_reference",
    }
    assert botox["treatment"] == "botox"
    assert botox["name"] == "Botox"
    assert botox["areas"] == ["glabella"]
    assert botox["area_names"] == ["Between the brows"]
    assert botox["duration_months"] == [4, 6]
    assert [s["treatment"] for s in data["suggestions"]] == ["botox", "dermal-filler"]
    other_allergy = next(p for p in content.PRECAUTIONS if p["slug"] == "allergy-other")
    assert data["flags"] == [
        {
            "precaution": "allergy-other",
            "question": other_allergy["question"],
            "treatments": ["botox", "dermal-filler"],
            "message": other_allergy["patient_note"],
            "practitioner_note": other_allergy["practitioner_note"],
            "label": other_allergy["name"],
        }
    ]
    assert botox["holds"] == [f"Not until a practitioner has reviewed this: you told us about {other_allergy['name']}."]
    assert botox["off_label"] is False and botox["off_label_area_names"] == []
    assert len(data["notes"]) == 1  # the earlier Botox; both are held back, so no combining note
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
    order = [(bool(s.holds), -s.score) for s in result.suggestions]
    assert order == sorted(order)
    precaution_flags = [f.precaution for f in result.flags if not f.precaution.startswith("interval:")]
    assert precaution_flags == [p for p in PRECAUTION_SLUGS if p in the_answers.precautions]
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
