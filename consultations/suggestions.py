"""The suggestion engine: which treatments a patient could discuss, and why, from the catalogue's rules.

Plain Python: no ORM, no HTTP, no settings. The rules come in as frozen dataclasses (loaded from the
catalogue by `consultations.rules`), the patient's answers likewise, and the same input always gives the
same output. It suggests what to discuss; a practitioner decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treatments.durations import reference_phrase

NO_SUGGESTION_MESSAGE = gettext_lazy(
    "No specific suggestion from your answers; a practitioner will advise you at your consultation."
)
# What a yes to a screening question can do to a suggested treatment (treatments.PrecautionEffect.Effect).
POSTPONED = "postponed"
REVIEW = "review"


@dataclass(frozen=True)
class AreaRule:
    slug: str
    name: str
    region: str = ""
    region_name: str = ""
    # What the area covers, in a patient's words ("Frown lines between the eyebrows …"): shown in the form.
    description: str = ""


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
    uncommon_side_effects: tuple[str, ...] = ()
    # (name, description): a serious risk is told with what it means, not only named.
    serious_side_effects: tuple[tuple[str, str], ...] = ()
    position: int = 0
    min_interval_days: int | None = None
    off_label_note: str = ""
    # The public sources' figure, told beside the clinic's: (3, 4) months "according to" "the NHS".
    duration_reference_months: tuple[int, int] | None = None
    duration_reference_source: str = ""
    # The kinds of concern (slugs) that figure was measured on; empty: every kind.
    duration_reference_concerns: tuple[str, ...] = ()
    # "dermal fillers" in "Combining dermal fillers and Botox"; empty where the name keeps its capital.
    name_in_sentence: str = ""

    @property
    def in_sentence(self) -> str:
        return self.name_in_sentence or self.name


@dataclass(frozen=True)
class IndicationRule:
    treatment: str
    area: str
    concern: str
    reason: str
    strength: int
    duration_min_months: int | None = None
    duration_max_months: int | None = None
    off_label: bool = False
    caution: str = ""


@dataclass(frozen=True)
class PrecautionRule:
    slug: str
    question: str
    treatments: tuple[str, ...]
    patient_note: str
    practitioner_note: str
    detail_prompt: str = ""
    name: str = ""
    # (treatment slug, POSTPONED or REVIEW): what a yes does to that treatment's suggestion.
    effects: tuple[tuple[str, str], ...] = ()


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
    off_label: bool = False
    uncommon_side_effects: tuple[str, ...] = ()
    serious_side_effects: tuple[tuple[str, str], ...] = ()
    duration_reference: str = ""
    # Why this suggestion waits: "Usually postponed: ...", "Not until a practitioner has reviewed this: ...".
    holds: tuple[str, ...] = ()
    name_in_sentence: str = ""
    # The names of the areas where an off-label use matched: the result marks those areas, not the others.
    off_label_area_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flag:
    precaution: str
    question: str
    treatments: tuple[str, ...]
    message: str
    practitioner_note: str
    # A few words naming it, for the staff queue's badge: "pregnancy or breastfeeding".
    label: str = ""


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
                    "name_in_sentence": s.name_in_sentence,
                    "areas": list(s.areas),
                    "area_names": list(s.area_names),
                    "reasons": list(s.reasons),
                    "score": s.score,
                    "onset": s.onset,
                    "duration_months": [s.duration_min_months, s.duration_max_months],
                    "common_side_effects": list(s.common_side_effects),
                    "uncommon_side_effects": list(s.uncommon_side_effects),
                    "serious_side_effects": [{"name": n, "description": d} for n, d in s.serious_side_effects],
                    "off_label": s.off_label,
                    "off_label_area_names": list(s.off_label_area_names),
                    "holds": list(s.holds),
                    "duration_reference": s.duration_reference,
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
                    "label": f.label,
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
    # (area, the strength of the rule behind it, the reason), in the order they were found.
    reasons: list[tuple[str, int, str]] = field(default_factory=list)
    area_strengths: dict[str, int] = field(default_factory=dict)
    score: int = 0
    off_label: bool = False
    off_label_areas: set[str] = field(default_factory=set)
    holds: list[str] = field(default_factory=list)
    duration_mins: list[int] = field(default_factory=list)
    duration_maxes: list[int] = field(default_factory=list)

    @property
    def duration(self) -> tuple[int, int]:
        """How long results last across the suggested areas, in months."""
        return min(self.duration_mins), max(self.duration_maxes)


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
            draft.score = max(draft.score, rule.strength)
            draft.area_strengths[area_slug] = max(draft.area_strengths.get(area_slug, 0), rule.strength)
            draft.off_label = draft.off_label or rule.off_label
            if rule.off_label:
                draft.off_label_areas.add(area_slug)
            reason = _reason(
                areas.get(area_slug), concerns.get(concern_slug), pair, rule, draft.treatment.off_label_note
            )
            draft.reasons.append((area_slug, rule.strength, reason))
            # An area without its own duration lasts as long as the treatment usually does.
            has_own = rule.duration_min_months is not None and rule.duration_max_months is not None
            draft.duration_mins.append(rule.duration_min_months if has_own else draft.treatment.duration_min_months)
            draft.duration_maxes.append(rule.duration_max_months if has_own else draft.treatment.duration_max_months)

    said_yes = [p for p in rules.precautions if p.slug in answers.precautions]
    for precaution in said_yes:
        for treatment_slug, effect in precaution.effects:
            if treatment_slug in drafts:
                drafts[treatment_slug].holds.append(_hold(precaution, effect))
    ranked = sorted(drafts.values(), key=_clinical_order)
    suggestions = tuple(_suggestion(draft, areas) for draft in ranked)
    flags = tuple(
        Flag(
            precaution=p.slug,
            question=p.question,
            treatments=tuple(t for t in p.treatments if t in treatments),
            message=p.patient_note,
            practitioner_note=p.practitioner_note,
            label=p.name or p.question,
        )
        for p in said_yes
    )
    intervals = _interval_flags(answers, treatments, drafts)
    flags += intervals
    notes = _notes(answers, treatments, ranked, flagged={t for flag in intervals for t in flag.treatments})
    unmatched = tuple(pair for pair in reported if pair not in matched)
    return Result(suggestions, flags, notes, unmatched, rules.version)


def _clinical_order(draft: _Draft) -> tuple:
    """What a practitioner would discuss first: a treatment nothing holds back (a hold is a contraindication or a
    postponement: a toxin allergy or a neuromuscular condition stands against Botox); then the strongest rule among
    the patient's concerns (a usual choice before a sometimes-used one); then the one that answers more of the kinds
    of concern the patient described (lines when moving, at rest, volume, sweating, clenching), not more areas; then
    the catalogue's order."""
    return (bool(draft.holds), -draft.score, -len(draft.concerns), draft.treatment.position, draft.treatment.slug)


def _hold(precaution: PrecautionRule, effect: str) -> str:
    name = precaution.name or precaution.question
    if effect == POSTPONED:
        return _("Usually postponed: you told us about %(name)s.") % {"name": name}
    return _("Not until a practitioner has reviewed this: you told us about %(name)s.") % {"name": name}


def _interval_flags(
    answers: Answers, treatments: dict[str, TreatmentRule], drafts: dict[str, _Draft]
) -> tuple[Flag, ...]:
    """An earlier treatment inside, or about at, the catalogue's minimum interval for it: the practitioner must see
    it. `drafts`: today's suggestions by treatment."""
    flags = []
    for earlier in sorted(answers.earlier, key=lambda e: (e.treatment, e.months_ago)):
        treatment = treatments.get(earlier.treatment)
        if treatment is None or not treatment.min_interval_days:
            continue
        # Answers come in whole months, and roughly: "about 3 months ago" may be half a month less, under 90 days.
        if earlier.months_ago * 30 - 15 >= treatment.min_interval_days:
            continue
        values = {
            "name": treatment.in_sentence,
            "when": _ago(earlier.months_ago),
            "days": treatment.min_interval_days,
            "min": treatment.duration_min_months,
            "max": treatment.duration_max_months,
            # As the card beside it gives the duration: the public sources' figure too, where it applies.
            "reference": _duration_reference(
                treatment,
                _concerns_told(drafts.get(treatment.slug), answers),
                (treatment.duration_min_months, treatment.duration_max_months),
            ),
        }
        flags.append(
            Flag(
                precaution=f"interval:{treatment.slug}",
                question=_("Earlier %(name)s %(when)s") % values,
                treatments=(treatment.slug,),
                # The whole of what the note on an earlier treatment says, which this flag replaces.
                message=_(
                    "You told us you had %(name)s %(when)s. It is usually given no more often than every %(days)s "
                    "days, and its results usually last %(min)s to %(max)s months%(reference)s. Some effect may "
                    "remain: your practitioner will check the timing with you."
                )
                % values,
                practitioner_note=_(
                    "Last %(name)s %(when)s: check the date against the label's minimum interval of %(days)s days "
                    "between treatments."
                )
                % values,
                label=_("Earlier %(name)s %(when)s") % values,
            )
        )
    return tuple(flags)


def _reason(
    area: AreaRule | None, concern: ConcernRule | None, pair: tuple[str, str], rule: IndicationRule, off_label_note: str
) -> str:
    area_name = area.name if area else pair[0]
    said = concern.patient_wording if concern else pair[1]
    parts = [
        _("%(area)s: you told us “%(said)s”.") % {"area": area_name, "said": _lower_first(said)},
        rule.reason,
    ]
    if rule.caution:
        parts.append(rule.caution)
    if rule.off_label:
        parts.append(off_label_note or _("This use is off-label; your practitioner will explain what that means."))
    return " ".join(parts)


def _lower_first(text: str) -> str:
    """Quote the patient's wording mid-sentence: "Lines that..." -> "lines that...", but keep "I" and "TMJ"."""
    first_word = text.split(" ", 1)[0]
    if first_word == "I" or (len(first_word) > 1 and first_word.isupper()):
        return text
    return text[:1].lower() + text[1:]


def _suggestion(draft: _Draft, areas: dict[str, AreaRule]) -> Suggestion:
    """The areas and their reasons strongest rule first, then in the catalogue's order: a usual use leads, and a
    sometimes-used one (filler for frown lines at rest, the riskiest area) follows it."""
    treatment = draft.treatment
    duration = draft.duration
    ordered_areas = sorted(draft.areas, key=lambda slug: -draft.area_strengths[slug])
    # An area's reasons stay together, under the area's place; within it, the stronger rule first.
    place = {slug: i for i, slug in enumerate(ordered_areas)}
    ordered_reasons = [reason for _, _, reason in sorted(draft.reasons, key=lambda r: (place[r[0]], -r[1]))]
    area_names = {slug: areas[slug].name if slug in areas else slug for slug in ordered_areas}
    return Suggestion(
        treatment=treatment.slug,
        name=treatment.name,
        name_in_sentence=treatment.in_sentence,
        areas=tuple(ordered_areas),
        area_names=tuple(area_names.values()),
        off_label_area_names=tuple(area_names[slug] for slug in ordered_areas if slug in draft.off_label_areas),
        reasons=tuple(ordered_reasons),
        score=draft.score,
        onset=treatment.onset_text,
        duration_min_months=duration[0],
        duration_max_months=duration[1],
        common_side_effects=treatment.common_side_effects,
        uncommon_side_effects=treatment.uncommon_side_effects,
        serious_side_effects=treatment.serious_side_effects,
        off_label=draft.off_label,
        holds=tuple(draft.holds),
        duration_reference=_duration_reference(treatment, draft.concerns, duration),
    )


def _concerns_told(draft: _Draft | None, answers: Answers) -> set[str]:
    """The concerns a flag or note on an earlier treatment speaks beside: those of its card (`draft`), when it is
    suggested today (so both give the same figure), else all the patient told us."""
    return draft.concerns if draft else {concern for _area, concern in answers.concerns}


def _duration_reference(treatment: TreatmentRule, concerns: set[str], months: tuple[int, int]) -> str:
    """The public figure beside the clinic's `months`, for what it was measured on: one for lines not beside
    sweating. Months an area has from its own source are not the clinic's figure, and get no comparison."""
    figure_for = set(treatment.duration_reference_concerns)
    if figure_for and not figure_for & concerns:
        return ""
    if months != (treatment.duration_min_months, treatment.duration_max_months):
        return ""
    return reference_phrase(months, treatment.duration_reference_months, treatment.duration_reference_source)


def _notes(answers: Answers, treatments: dict[str, TreatmentRule], ranked: list[_Draft], flagged: set[str]) -> tuple:
    """`flagged`: treatments an interval flag already speaks of, with the same "You told us you had..."; a note
    on them would say it twice."""
    notes = []
    drafts = {draft.treatment.slug: draft for draft in ranked}
    for earlier in sorted(answers.earlier, key=lambda e: (e.treatment, e.months_ago)):
        treatment = treatments.get(earlier.treatment)
        if treatment is None or treatment.slug in flagged:
            continue
        draft = drafts.get(treatment.slug)
        # How long it lasts where it is suggested today, else the treatment's usual range.
        low, high = draft.duration if draft else (treatment.duration_min_months, treatment.duration_max_months)
        if earlier.months_ago >= high:
            continue
        values = {
            "name": treatment.in_sentence,
            "when": _ago(earlier.months_ago),
            "min": low,
            "max": high,
            "reference": _duration_reference(treatment, _concerns_told(draft, answers), (low, high)),
        }
        if draft:
            text = _(
                "You told us you had %(name)s %(when)s, and that treatment is among today's suggestions. Its "
                "results usually last %(min)s to %(max)s months%(reference)s. Some effect may remain: tell the "
                "practitioner when you had it."
            )
        else:
            text = _(
                "You told us you had %(name)s %(when)s. Its results usually last %(min)s to %(max)s "
                "months%(reference)s. Some effect may remain: tell the practitioner when you had it."
            )
        notes.append(text % values)
    # Planning treatments together is for those not held back: a postponed one is not planned yet.
    ready = [draft for draft in ranked if not draft.holds]
    if len(ready) > 1:
        names = " and ".join(d.treatment.in_sentence for d in ready[:2]) if len(ready) == 2 else _("these treatments")
        notes.append(
            _(
                "More than one treatment could be discussed for what you described. Combining %(names)s is common, "
                "and practitioners often plan them together so each one treats what it suits best."
            )
            % {"names": names}
        )
    if not ranked:
        notes.append(str(NO_SUGGESTION_MESSAGE))
    return tuple(notes)


def _ago(months: int) -> str:
    if months <= 0:
        return _("less than a month ago")
    if months == 1:
        return _("about a month ago")
    return _("about %(months)s months ago") % {"months": months}
