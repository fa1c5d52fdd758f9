"""The engine's `Rules` built from the seeded catalogue content as `consultations.rules` does, with no database."""

from consultations.rules import rules_version
from consultations.suggestions import (
    AreaRule,
    ConcernRule,
    IndicationRule,
    PrecautionRule,
    Rules,
    TreatmentRule,
)
from treatments import catalogue_content as content

PUBLISHED = "published"


def side_effects(treatment: str, frequency: str) -> list[dict]:
    """A treatment's seeded side effects of one band, in the admin's order."""
    ordered = sorted(content.SIDE_EFFECTS, key=lambda e: (e["position"], e["name"]))
    return [e for e in ordered if e["treatment"] == treatment and e["frequency"] == frequency]


def seeded_rules() -> Rules:
    """The rules a freshly seeded, unedited catalogue gives, version included."""
    regions = {r["slug"]: r for r in content.REGIONS}
    treatment_rows = sorted(
        (t for t in content.TREATMENTS if t["status"] == PUBLISHED), key=lambda t: (t["position"], t["name"])
    )
    published = {t["slug"]: t for t in treatment_rows}
    treatments = tuple(
        TreatmentRule(
            slug=t["slug"],
            name=t["name"],
            name_in_sentence=t.get("name_in_sentence", ""),
            onset_text=t["onset_text"],
            duration_min_months=t["duration_min_months"],
            duration_max_months=t["duration_max_months"],
            common_side_effects=tuple(e["name"] for e in side_effects(t["slug"], "common")),
            uncommon_side_effects=tuple(e["name"] for e in side_effects(t["slug"], "uncommon")),
            serious_side_effects=tuple(
                (e["name"], e.get("description", "")) for e in side_effects(t["slug"], "rare-serious")
            ),
            position=t["position"],
            min_interval_days=t.get("min_interval_days"),
            off_label_note=t.get("off_label_note", ""),
            duration_reference_concerns=tuple(t.get("reference_duration_concerns", ())),
        )
        for t in treatment_rows
    )
    # Indications are read in primary-key order, which is the order they were seeded in.
    indications = tuple(
        IndicationRule(
            treatment=i["treatment"],
            area=i["area"],
            concern=i["concern"],
            reason=i["reason"],
            strength=i["strength"],
            # Seeded per-area months carry no source, so none reach the engine (as in consultations.rules).
            duration_min_months=None,
            duration_max_months=None,
            off_label=i["off_label"],
            caution=i["caution"],
        )
        for i in content.INDICATIONS
        if i["treatment"] in published
    )
    by_position = sorted(published.values(), key=lambda t: (t["position"], t["slug"]))
    precautions = tuple(
        PrecautionRule(
            slug=p["slug"],
            question=p["question"],
            treatments=tuple(t["slug"] for t in by_position if t["slug"] in p["treatments"]),
            patient_note=p["patient_note"],
            practitioner_note=p["practitioner_note"],
            detail_prompt=p["detail_prompt"],
            name=p["name"],
            effects=tuple(
                (e["treatment"], e["effect"])
                for e in content.PRECAUTION_EFFECTS
                if e["precaution"] == p["slug"] and e["treatment"] in published
            ),
        )
        for p in sorted(content.PRECAUTIONS, key=lambda p: (p["position"], p["slug"]))
    )
    areas = tuple(
        AreaRule(a["slug"], a["name"], a["region"], regions[a["region"]]["name"])
        for a in sorted(content.AREAS, key=lambda a: (regions[a["region"]]["position"], a["position"], a["name"]))
    )
    concerns = tuple(
        ConcernRule(c["slug"], c["name"], c["patient_wording"])
        for c in sorted(content.CONCERNS, key=lambda c: (c["position"], c["name"]))
    )
    rules = Rules(
        areas=areas, concerns=concerns, treatments=treatments, indications=indications, precautions=precautions
    )
    return Rules(**{**rules.__dict__, "version": rules_version(rules)})
