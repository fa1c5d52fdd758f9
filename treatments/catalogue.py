"""Read-side queries that shape the catalogue for the public pages."""

import uuid
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from clinic.release import release
from treatments.durations import month_range, reference_phrase
from treatments.models import CatalogueVersion, Indication, Precaution, SideEffect, Treatment


def duration_reference(treatment: Treatment) -> str:
    """Beside the clinic's figure, the public sources' when the catalogue has one."""
    return reference_phrase(
        (treatment.duration_min_months, treatment.duration_max_months),
        (treatment.reference_duration_min_months, treatment.reference_duration_max_months),
        treatment.reference_duration_source,
    )


def duration_text(treatment: Treatment) -> str:
    return month_range(treatment.duration_min_months, treatment.duration_max_months) + duration_reference(treatment)


def duration_sentence(treatment: Treatment) -> str:
    """The duration as a sentence of its own, whether or not the source's wording an editor gave ends in a stop."""
    return _("%(duration)s.") % {"duration": duration_text(treatment).rstrip(".")}


def interval_text(treatment: Treatment) -> str:
    if not treatment.min_interval_days:
        return ""
    return _("Repeated no sooner than every %(days)d days.") % {"days": treatment.min_interval_days}


@dataclass
class ConcernUse:
    concern: object
    off_label: bool = False


@dataclass
class AreaUse:
    """One area a treatment is used in, with the concerns it addresses there."""

    area: object
    concerns: list[ConcernUse] = field(default_factory=list)
    duration: str = ""

    @property
    def off_label(self) -> bool:
        return all(use.off_label for use in self.concerns)

    @property
    def on_label_concerns(self) -> list:
        return [use.concern for use in self.concerns if not use.off_label]

    @property
    def off_label_concerns(self) -> list:
        """The concerns treated here off-label, which the page names apart: in the neck, lines at rest are
        off-label while the vertical bands (lines when moving) are on the label."""
        return [use.concern for use in self.concerns if use.off_label]


def area_uses(treatment: Treatment) -> list[AreaUse]:
    uses: dict[int, AreaUse] = {}
    for indication in treatment.indications.all():
        use = uses.setdefault(indication.area_id, AreaUse(area=indication.area))
        use.concerns.append(ConcernUse(indication.concern, indication.off_label))
        # An area's own months are shown only with their source.
        if indication.duration_source and indication.duration_min_months is not None and not use.duration:
            use.duration = month_range(indication.duration_min_months, indication.duration_max_months)
    return list(uses.values())


def side_effects_of(treatment: Treatment, frequency: str) -> list[SideEffect]:
    """A treatment's side effects of one band, from its prefetched side effects."""
    return [effect for effect in treatment.side_effects.all() if effect.frequency == frequency]


def side_effects_by_frequency(treatment: Treatment) -> list[tuple[str, list[SideEffect]]]:
    """Every band, in order, even an empty one: a reader must see that a band was considered."""
    return [(label, side_effects_of(treatment, value)) for value, label in SideEffect.Frequency.choices]


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
        "duration_reference": duration_reference(treatment),
        "interval": interval_text(treatment),
    }


@dataclass
class ComparisonRow:
    label: str
    cells: list
    labelled: list = field(default_factory=list)


def comparison_rows(treatments=None) -> dict:
    treatments = list(_with_content(treatments or Treatment.objects.published()))

    def names(items):
        return ", ".join(str(item) for item in items)

    def effects(treatment, frequency):
        return names(e.name for e in side_effects_of(treatment, frequency))

    def area(use):
        if use.off_label:
            return _("%(area)s: off-label") % {"area": use.area}
        if use.off_label_concerns:
            return _("%(area)s: off-label for %(concerns)s") % {
                "area": use.area,
                "concerns": names(concern.name.lower() for concern in use.off_label_concerns),
            }
        return use.area

    def areas(treatment):
        return names(area(use) for use in area_uses(treatment))

    rows = [
        ComparisonRow(_("What it is"), [t.category for t in treatments]),
        ComparisonRow(_("How it works"), [t.how_it_works for t in treatments]),
        ComparisonRow(_("Best for"), [t.best_for for t in treatments]),
        ComparisonRow(_("Areas"), [areas(t) for t in treatments]),
        ComparisonRow(_("When you see results"), [t.onset_text for t in treatments]),
        ComparisonRow(
            _("How long results last"),
            [" ".join(filter(None, [duration_sentence(t), interval_text(t)])) for t in treatments],
        ),
        ComparisonRow(_("Procedure"), [t.procedure for t in treatments]),
        ComparisonRow(_("Downtime"), [t.downtime for t in treatments]),
        *(
            ComparisonRow(label, [effects(t, value) for t in treatments])
            for value, label in (
                (SideEffect.Frequency.COMMON, _("Common side effects")),
                (SideEffect.Frequency.UNCOMMON, _("Uncommon side effects")),
                (SideEffect.Frequency.RARE_SERIOUS, _("Rare but serious risks")),
            )
        ),
        ComparisonRow(_("Safety"), [t.safety_notes for t in treatments]),
        ComparisonRow(_("Who should not have it"), [t.who_should_not for t in treatments]),
    ]
    treatment_names = [t.name for t in treatments]
    for row in rows:
        # On a phone the table stacks: each cell says which treatment it is about.
        row.labelled = list(zip(treatment_names, row.cells, strict=True))
    return {"treatments": treatments, "rows": rows}


# The catalogue's version ------------------------------------------------------------------------------------
# Every cached catalogue part (page fragments, suggestion rules) carries the version in its key.


def catalogue_version() -> str:
    """The catalogue's token and this release's fingerprint: what every cached page, fragment and rule set depends
    on besides the language."""
    return f"{catalogue_token()}.{release()}"


def catalogue_token() -> str:
    """The token every edit of the catalogue replaces, read from the database."""
    # Plain SQL: the ORM's compiling was a third of this read's time.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {CatalogueVersion._meta.db_table} WHERE id = 1")  # noqa: S608  # nosec B608
        row = cursor.fetchone()
    return row[0] if row else "initial"


# The public cache keeps a copy of the token, so a stored page can be checked against the catalogue without the
# database. An edit writes the new token into the copy once it has committed; the copy expires after
# VERSION_COPY_SECONDS, which bounds how long one that missed an edit (its write lost, or two editors' writes
# crossing) can stand. Refilling it costs one query every VERSION_COPY_SECONDS for all the servers together.
VERSION_COPY_SECONDS = 2


def version_copy_key() -> str:
    """The copy's key names the database it copies, so sites sharing one Redis database never read each other's
    token (their pages, stored with tokens of their own, then never match)."""
    database = connection.settings_dict
    return f"catalogue-version-copy:{database['HOST']}:{database['PORT']}:{database['NAME']}"


def catalogue_token_copied(found: dict) -> str:
    """The token from `found` (what a read of the public cache returned for version_copy_key(), among others), or
    from the database, copied to the cache, when the cache had none."""
    token = found.get(version_copy_key())
    if token is None:
        token = catalogue_token()
        # add, not set: a copy an edit wrote since the read above is newer than this one.
        caches["public"].add(version_copy_key(), token, VERSION_COPY_SECONDS)
    return token


def catalogue_version_copy_refresh() -> None:
    """Copy the token as the database has it now: after an edit commits, so no reader can see the new token before
    the content it stands for, and read afresh, so of two editors' writes the later one does not carry the older
    token."""
    caches["public"].set(version_copy_key(), catalogue_token(), VERSION_COPY_SECONDS)


def catalogue_version_renew() -> None:
    CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    # robust: the edit has committed by then, so a cache or database hiccup is logged, not shown to the editor.
    transaction.on_commit(catalogue_version_copy_refresh, robust=True)
