"""The suggestion engine: which treatments a patient could discuss, and why, from the catalogue's rules.

Plain Python: no ORM, no HTTP, no settings. The rules come in as frozen dataclasses (loaded from the
catalogue by `consultations.rules`), the patient's answers likewise, and the same input always gives the
same output. It suggests what to discuss; a practitioner decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NO_SUGGESTION_MESSAGE = "No specific suggestion from your answers; a practitioner will advise you at your consultation."


@dataclass(frozen=True)
class AreaRule:
    slug: str
    name: str
    region: str = ""
    region_name: str = ""


@dataclass(frozen=True)
class ConcernRule:
    slug: str
    name: str
    patient_wording: str


@dataclass(frozen=True)
class TreatmentRule:
    slug: str
    name: str
    onset_text: str
    duration_min_months: int
    duration_max_months: int
    common_side_effects: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class IndicationRule:
    treatment: str
    area: str
    concern: str
    reason: str
    strength: int
    duration_min_months: int | None = None
    duration_max_months: int | None = None


@dataclass(frozen=True)
class PrecautionRule:
    slug: str
    question: str
    treatments: tuple[str, ...]
    patient_note: str
    practitioner_note: str
    detail_prompt: str = ""


@dataclass(frozen=True)
class Rules:
    """Everything the engine knows, as edited by admins in the catalogue."""

    areas: tuple[AreaRule, ...]
    concerns: tuple[ConcernRule, ...]
    treatments: tuple[TreatmentRule, ...]
    indications: tuple[IndicationRule, ...]
    precautions: tuple[PrecautionRule, ...]
    version: str = ""

    def sensible_pairs(self) -> frozenset[tuple[str, str]]:
        """The (area, concern) pairs some treatment addresses: the only ones worth asking about."""
        offered = {t.slug for t in self.treatments}
        return frozenset((rule.area, rule.concern) for rule in self.indications if rule.treatment in offered)


@dataclass(frozen=True)
class EarlierTreatment:
    treatment: str
    months_ago: int


@dataclass(frozen=True)
class Answers:
    concerns: frozenset[tuple[str, str]]
    precautions: frozenset[str] = frozenset()
    earlier: tuple[EarlierTreatment, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    treatment: str
    name: str
    areas: tuple[str, ...]
    area_names: tuple[str, ...]
    reasons: tuple[str, ...]
    score: int
    onset: str
    duration_min_months: int
    duration_max_months: int
    common_side_effects: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    precaution: str
    question: str
    treatments: tuple[str, ...]
    message: str
    practitioner_note: str


@dataclass(frozen=True)
class Result:
    suggestions: tuple[Suggestion, ...]
    flags: tuple[Flag, ...]
    notes: tuple[str, ...]
    unmatched: tuple[tuple[str, str], ...] = ()
    rules_version: str = ""

    @property
    def has_suggestion(self) -> bool:
        return bool(self.suggestions)

    def as_dict(self) -> dict:
        """A JSON-ready form: what the `suggest` command prints and what a consultation stores."""
        return {
            "suggestions": [
                {
                    "treatment": s.treatment,
                    "name": s.name,
                    "areas": list(s.areas),
                    "area_names": list(s.area_names),
                    "reasons": list(s.reasons),
                    "score": s.score,
                    "onset": s.onset,
                    "duration_months": [s.duration_min_months, s.duration_max_months],
                    "common_side_effects": list(s.common_side_effects),
                }
                for s in self.suggestions
            ],
            "flags": [
                {
                    "precaution": f.precaution,
                    "question": f.question,
                    "treatments": list(f.treatments),
                    "message": f.message,
                    "practitioner_note": f.practitioner_note,
                }
                for f in self.flags
            ],
            "notes": list(self.notes),
            "unmatched": [list(pair) for pair in self.unmatched],
            "rules_version": self.rules_version,
        }


@dataclass
class _Draft:
    treatment: TreatmentRule
    areas: list[str] = field(default_factory=list)
    concerns: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)
    score: int = 0
    duration_mins: list[int] = field(default_factory=list)
    duration_maxes: list[int] = field(default_factory=list)


def suggest(answers: Answers, rules: Rules) -> Result:
    """Rank the treatments to discuss for these answers, with reasons, flags and notes."""
    areas = {a.slug: a for a in rules.areas}
    concerns = {c.slug: c for c in rules.concerns}
    treatments = {t.slug: t for t in rules.treatments}
    area_order = {a.slug: i for i, a in enumerate(rules.areas)}
    concern_order = {c.slug: i for i, c in enumerate(rules.concerns)}

    def pair_order(pair: tuple[str, str]) -> tuple:
        return (area_order.get(pair[0], len(area_order)), concern_order.get(pair[1], len(concern_order)), pair)

    reported = sorted(answers.concerns, key=pair_order)
    drafts: dict[str, _Draft] = {}
    matched: set[tuple[str, str]] = set()
    rules_by_pair: dict[tuple[str, str], list[IndicationRule]] = {}
    for rule in rules.indications:
        if rule.treatment in treatments:
            rules_by_pair.setdefault((rule.area, rule.concern), []).append(rule)

    for pair in reported:
        area_slug, concern_slug = pair
        for rule in sorted(rules_by_pair.get(pair, ()), key=lambda r: (-r.strength, r.treatment)):
            matched.add(pair)
            draft = drafts.setdefault(rule.treatment, _Draft(treatment=treatments[rule.treatment]))
            if area_slug not in draft.areas:
                draft.areas.append(area_slug)
            draft.concerns.add(concern_slug)
            draft.score += rule.strength
            draft.reasons.append(_reason(areas.get(area_slug), concerns.get(concern_slug), pair, rule.reason))
            # An area without its own duration lasts as long as the treatment usually does.
            has_own = rule.duration_min_months is not None and rule.duration_max_months is not None
            draft.duration_mins.append(rule.duration_min_months if has_own else draft.treatment.duration_min_months)
            draft.duration_maxes.append(rule.duration_max_months if has_own else draft.treatment.duration_max_months)

    ranked = sorted(drafts.values(), key=lambda d: (-d.score, d.treatment.position, d.treatment.slug))
    suggestions = tuple(_suggestion(draft, areas) for draft in ranked)
    suggested = {s.treatment for s in suggestions}
    flags = tuple(
        Flag(
            precaution=p.slug,
            question=p.question,
            treatments=tuple(t for t in p.treatments if t in treatments),
            message=p.patient_note,
            practitioner_note=p.practitioner_note,
        )
        for p in rules.precautions
        if p.slug in answers.precautions
    )
    notes = _notes(answers, treatments, ranked, suggested)
    unmatched = tuple(pair for pair in reported if pair not in matched)
    return Result(suggestions, flags, notes, unmatched, rules.version)


def _reason(area: AreaRule | None, concern: ConcernRule | None, pair: tuple[str, str], rule_reason: str) -> str:
    area_name = area.name if area else pair[0]
    said = concern.patient_wording if concern else pair[1]
    return f"{area_name}: you told us “{_lower_first(said)}”. {rule_reason}"


def _lower_first(text: str) -> str:
    """Quote the patient's wording mid-sentence: "Lines that..." -> "lines that...", but keep "I" and "TMJ"."""
    first_word = text.split(" ", 1)[0]
    if first_word == "I" or (len(first_word) > 1 and first_word.isupper()):
        return text
    return text[:1].lower() + text[1:]


def _suggestion(draft: _Draft, areas: dict[str, AreaRule]) -> Suggestion:
    treatment = draft.treatment
    duration = (min(draft.duration_mins), max(draft.duration_maxes))
    return Suggestion(
        treatment=treatment.slug,
        name=treatment.name,
        areas=tuple(draft.areas),
        area_names=tuple(areas[a].name if a in areas else a for a in draft.areas),
        reasons=tuple(draft.reasons),
        score=draft.score,
        onset=treatment.onset_text,
        duration_min_months=duration[0],
        duration_max_months=duration[1],
        common_side_effects=treatment.common_side_effects,
    )


def _notes(answers: Answers, treatments: dict[str, TreatmentRule], ranked: list[_Draft], suggested: set[str]) -> tuple:
    notes = []
    for earlier in sorted(answers.earlier, key=lambda e: (e.treatment, e.months_ago)):
        treatment = treatments.get(earlier.treatment)
        if treatment is None or earlier.months_ago >= treatment.duration_max_months:
            continue
        again = " and it is suggested again today" if treatment.slug in suggested else ""
        notes.append(
            f"You had {treatment.name} about {_months(earlier.months_ago)} ago{again}. Its results usually last "
            f"{treatment.duration_min_months} to {treatment.duration_max_months} months, so some effect may remain: "
            "tell the practitioner when you had it."
        )
    if len(ranked) > 1:
        names = " and ".join(d.treatment.name for d in ranked[:2]) if len(ranked) == 2 else "these treatments"
        notes.append(
            f"You described more than one kind of concern. Combining {names} is common, and practitioners often "
            "plan them together so each one treats what it suits best."
        )
    if not ranked:
        notes.append(NO_SUGGESTION_MESSAGE)
    return tuple(notes)


def _months(months: int) -> str:
    if months <= 0:
        return "less than a month"
    return "1 month" if months == 1 else f"{months} months"
