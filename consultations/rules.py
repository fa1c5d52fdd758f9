"""Loads the suggestion rules that admins edit in the catalogue, cached until the catalogue changes."""

import hashlib
import json
from dataclasses import asdict, replace

from django.core.cache import caches
from django.db import DatabaseError
from django.db.models import Prefetch

from consultations.suggestions import (
    AreaRule,
    ConcernRule,
    IndicationRule,
    PrecautionRule,
    Rules,
    TreatmentRule,
)
from treatments.catalogue import catalogue_version, side_effects_of
from treatments.models import Area, Concern, Indication, Precaution, PrecautionEffect, SideEffect, Treatment

CACHE_KEY = "consultations:rules:v1"
CACHE_SECONDS = 24 * 60 * 60
LAST_LOADED_KEY = f"{CACHE_KEY}:last-loaded"


def rules_from_database() -> Rules:
    """Read the published catalogue into the engine's plain data, in a fixed number of queries."""
    treatments = Treatment.objects.published().prefetch_related("side_effects", "reference_duration_concerns")
    published = [
        TreatmentRule(
            slug=t.slug,
            name=t.name,
            name_in_sentence=t.name_in_sentence,
            onset_text=t.onset_text,
            duration_min_months=t.duration_min_months,
            duration_max_months=t.duration_max_months,
            common_side_effects=tuple(e.name for e in side_effects_of(t, SideEffect.Frequency.COMMON)),
            uncommon_side_effects=tuple(e.name for e in side_effects_of(t, SideEffect.Frequency.UNCOMMON)),
            serious_side_effects=tuple(
                (e.name, e.description) for e in side_effects_of(t, SideEffect.Frequency.RARE_SERIOUS)
            ),
            position=t.position,
            min_interval_days=t.min_interval_days,
            off_label_note=t.off_label_note,
            duration_reference_months=(t.reference_duration_min_months, t.reference_duration_max_months),
            duration_reference_source=t.reference_duration_source,
            duration_reference_concerns=tuple(c.slug for c in t.reference_duration_concerns.all()),
        )
        for t in treatments
    ]
    slugs = {t.slug for t in published}
    indications = tuple(
        IndicationRule(
            treatment=i.treatment.slug,
            area=i.area.slug,
            concern=i.concern.slug,
            reason=i.reason,
            strength=i.strength,
            # Months for an area count only with their source; otherwise the treatment's range applies.
            duration_min_months=i.duration_min_months if i.duration_source else None,
            duration_max_months=i.duration_max_months if i.duration_source else None,
            off_label=i.off_label,
            caution=i.caution,
        )
        for i in Indication.objects.select_related("treatment", "area", "concern").order_by("pk")
        if i.treatment.slug in slugs
    )
    precautions = tuple(
        PrecautionRule(
            slug=p.slug,
            question=p.question,
            treatments=tuple(t.slug for t in p.treatments.all() if t.slug in slugs),
            patient_note=p.patient_note,
            practitioner_note=p.practitioner_note,
            detail_prompt=p.detail_prompt,
            name=p.name,
            effects=tuple((e.treatment.slug, e.effect) for e in p.effects.all() if e.treatment.slug in slugs),
        )
        for p in Precaution.objects.prefetch_related(
            Prefetch("treatments", queryset=Treatment.objects.order_by("position", "slug")),
            Prefetch("effects", queryset=PrecautionEffect.objects.select_related("treatment")),
        )
    )
    rules = Rules(
        areas=tuple(
            AreaRule(a.slug, a.name, a.region.slug, a.region.name, a.description)
            for a in Area.objects.select_related("region")
        ),
        concerns=tuple(ConcernRule(c.slug, c.name, c.patient_wording) for c in Concern.objects.all()),
        treatments=tuple(published),
        indications=indications,
        precautions=precautions,
    )
    return replace(rules, version=rules_version(rules))


def rules_version(rules: Rules) -> str:
    """A short fingerprint of the rules' content: the same rules always give the same version."""
    payload = json.dumps(asdict(rules) | {"version": ""}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def current_rules(version: str | None = None) -> Rules:
    """The rules, cached under the catalogue's version (read here unless given): an admin's edit makes a new
    version, so the next call reloads. They hold no translated text, so the language is not part of the key."""
    key = f"{CACHE_KEY}:{version or catalogue_version()}"
    rules = caches["public"].get(key)
    if rules is None:
        rules = rules_from_database()
        caches["public"].set_many({key: rules, LAST_LOADED_KEY: rules}, CACHE_SECONDS)
    return rules


def rules_last_loaded() -> Rules | None:
    """The rules as last loaded, while the database (and so the catalogue's version) cannot be read: enough to show
    the form again with the patient's answers; never used to save a consultation. None when there are none, or
    when the cache is itself a table in that database."""
    try:
        return caches["public"].get(LAST_LOADED_KEY)
    except DatabaseError:
        return None
