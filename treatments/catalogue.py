"""Read-side queries that shape the catalogue for the public pages."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from treatments.models import CatalogueVersion, Indication, Precaution, SideEffect, Treatment


def month_range(min_months: int, max_months: int) -> str:
    if min_months == max_months:
        return ngettext("about %(n)d month", "about %(n)d months", max_months) % {"n": max_months}
    return _("%(min)d to %(max)d months") % {"min": min_months, "max": max_months}


@dataclass
class AreaUse:
    """One area a treatment is used in, with the concerns it addresses there."""

    area: object
    concerns: list = field(default_factory=list)
    duration: str = ""


def area_uses(treatment: Treatment) -> list[AreaUse]:
    uses: dict[int, AreaUse] = {}
    for indication in treatment.indications.all():
        use = uses.setdefault(indication.area_id, AreaUse(area=indication.area))
        use.concerns.append(indication.concern)
        if indication.duration_min_months is not None and not use.duration:
            use.duration = month_range(indication.duration_min_months, indication.duration_max_months)
    return list(uses.values())


def side_effects_by_frequency(treatment: Treatment) -> list[tuple[str, list[SideEffect]]]:
    groups = []
    for value, label in SideEffect.Frequency.choices:
        effects = [effect for effect in treatment.side_effects.all() if effect.frequency == value]
        if effects:
            groups.append((label, effects))
    return groups


def _with_content(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "indications",
            queryset=Indication.objects.select_related("area__region", "concern").order_by(
                "area__region__position", "area__position", "concern__position"
            ),
        ),
        "side_effects",
        Prefetch("precautions", queryset=Precaution.objects.order_by("position")),
    )


def treatment_page(treatment: Treatment) -> dict:
    treatment = _with_content(Treatment.objects.filter(pk=treatment.pk)).get()
    return {
        "treatment": treatment,
        "area_uses": area_uses(treatment),
        "side_effect_groups": side_effects_by_frequency(treatment),
        "precautions": list(treatment.precautions.all()),
        "duration": month_range(treatment.duration_min_months, treatment.duration_max_months),
    }


@dataclass
class ComparisonRow:
    label: str
    cells: list


def comparison_rows(treatments=None) -> dict:
    treatments = list(_with_content(treatments or Treatment.objects.published()))

    def names(items):
        return ", ".join(str(item) for item in items)

    def effects(treatment, frequency):
        return names(e.name for e in treatment.side_effects.all() if e.frequency == frequency)

    rows = [
        ComparisonRow(_("What it is"), [t.category for t in treatments]),
        ComparisonRow(_("How it works"), [t.how_it_works for t in treatments]),
        ComparisonRow(_("Best for"), [t.best_for for t in treatments]),
        ComparisonRow(_("Areas"), [names(use.area for use in area_uses(t)) for t in treatments]),
        ComparisonRow(_("When you see results"), [t.onset_text for t in treatments]),
        ComparisonRow(
            _("How long results last"),
            [month_range(t.duration_min_months, t.duration_max_months) for t in treatments],
        ),
        ComparisonRow(_("Procedure"), [t.procedure for t in treatments]),
        ComparisonRow(_("Downtime"), [t.downtime for t in treatments]),
        ComparisonRow(_("Common side effects"), [effects(t, SideEffect.Frequency.COMMON) for t in treatments]),
        ComparisonRow(_("Rare but serious risks"), [effects(t, SideEffect.Frequency.RARE_SERIOUS) for t in treatments]),
        ComparisonRow(_("Who should not have it"), [t.who_should_not for t in treatments]),
    ]
    return {"treatments": treatments, "rows": rows}


# The catalogue's version ------------------------------------------------------------------------------------
# Every cached catalogue part (page fragments, suggestion rules) carries the version in its key.


def catalogue_version() -> str:
    return CatalogueVersion.objects.values_list("token", flat=True).first() or "initial"


def catalogue_version_renew() -> None:
    CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
