"""Loads the seeded catalogue: creates what is missing and never changes or revives what admins touched."""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import update_change_reason

from treatments import catalogue_content as content
from treatments.models import (
    Area,
    Concern,
    Indication,
    Precaution,
    PrecautionEffect,
    Region,
    SeededRow,
    SideEffect,
    Treatment,
)

# What the history of a seeded row says of its first entries, rather than a "Created" or "Changed" by nobody.
LOADED = "Loaded with the seeded catalogue"


def links_set(item, related_manager, links) -> None:
    """A treatment's or precaution's links are set after its row exists, which history records as a second entry."""
    update_change_reason(item, LOADED)
    related_manager.set(links)


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str) -> None:
        self.created[label] = self.created.get(label, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


@transaction.atomic
def catalogue_seed() -> SeedReport:
    """Create each seeded row that was never seeded before, matched by its stable key.

    A row seeded once is never written again: an admin's edits survive any number of runs, and a row
    an admin deleted stays deleted.
    """
    report = SeedReport()
    done = set(SeededRow.objects.values_list("key", flat=True))
    regions = {r.slug: r for r in Region.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    concerns = {c.slug: c for c in Concern.objects.all()}
    treatments = {t.slug: t for t in Treatment.objects.all()}
    side_effects = set(SideEffect.objects.values_list("treatment__slug", "name"))
    indications = set(Indication.objects.values_list("treatment__slug", "area__slug", "concern__slug"))
    precautions = set(Precaution.objects.values_list("slug", flat=True))

    def seed_once(key: str, label: str, exists: bool, create) -> None:
        # A row that exists without a key (made by hand before the first load) is adopted, not duplicated.
        if key in done:
            return
        if not exists:
            update_change_reason(create(), LOADED)
            report.count(label)
        SeededRow.objects.create(key=key)

    for row in content.REGIONS:

        def create(row=row):
            regions[row["slug"]] = Region.objects.create(**row)
            return regions[row["slug"]]

        seed_once(f"region:{row['slug']}", "regions", row["slug"] in regions, create)

    for row in content.AREAS:

        def create(row=row):
            areas[row["slug"]] = Area.objects.create(**{**row, "region": regions[row["region"]]})
            return areas[row["slug"]]

        if row["region"] in regions:
            seed_once(f"area:{row['slug']}", "areas", row["slug"] in areas, create)

    for row in content.CONCERNS:

        def create(row=row):
            concerns[row["slug"]] = Concern.objects.create(**row)
            return concerns[row["slug"]]

        seed_once(f"concern:{row['slug']}", "concerns", row["slug"] in concerns, create)

    for row in content.TREATMENTS:

        def create(row=row):
            fields = {k: v for k, v in row.items() if k != "reference_duration_concerns"}
            treatment = treatments[row["slug"]] = Treatment.objects.create(**fields)
            figure_for = [concerns[slug] for slug in row.get("reference_duration_concerns", ()) if slug in concerns]
            links_set(treatment, treatment.reference_duration_concerns, figure_for)
            return treatment

        seed_once(f"treatment:{row['slug']}", "treatments", row["slug"] in treatments, create)

    for row in content.SIDE_EFFECTS:

        def create(row=row):
            return SideEffect.objects.create(**{**row, "treatment": treatments[row["treatment"]]})

        if row["treatment"] in treatments:
            key = (row["treatment"], row["name"])
            seed_once("side-effect:{}:{}".format(*key), "side effects", key in side_effects, create)

    for row in content.INDICATIONS:

        def create(row=row):
            return Indication.objects.create(
                **{
                    **row,
                    "treatment": treatments[row["treatment"]],
                    "area": areas[row["area"]],
                    "concern": concerns[row["concern"]],
                }
            )

        key = (row["treatment"], row["area"], row["concern"])
        if row["treatment"] in treatments and row["area"] in areas and row["concern"] in concerns:
            seed_once("indication:{}:{}:{}".format(*key), "indications", key in indications, create)

    for row in content.PRECAUTIONS:

        def create(row=row):
            precaution = Precaution.objects.create(**{k: v for k, v in row.items() if k != "treatments"})
            links_set(
                precaution,
                precaution.treatments,
                [treatments[slug] for slug in row["treatments"] if slug in treatments],
            )
            return precaution

        seed_once(f"precaution:{row['slug']}", "precautions", row["slug"] in precautions, create)

    precaution_rows = {p.slug: p for p in Precaution.objects.all()}
    effects = set(PrecautionEffect.objects.values_list("precaution__slug", "treatment__slug"))
    for row in content.PRECAUTION_EFFECTS:

        def create(row=row):
            return PrecautionEffect.objects.create(
                precaution=precaution_rows[row["precaution"]],
                treatment=treatments[row["treatment"]],
                effect=row["effect"],
            )

        key = (row["precaution"], row["treatment"])
        if row["precaution"] in precaution_rows and row["treatment"] in treatments:
            seed_once("precaution-effect:{}:{}".format(*key), "precaution effects", key in effects, create)
    return report
