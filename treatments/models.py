"""The treatment catalogue: what the clinic offers, where, for which concern, and what to expect."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def rules_name_field() -> models.SlugField:
    """The fixed name by which the suggestion rules and exports refer to a region, area, concern or precaution."""
    return models.SlugField(
        _("name used by the rules"),
        unique=True,
        help_text=_("Made when the item is added; the suggestion rules and exports use it."),
    )


class TreatmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Treatment.Status.PUBLISHED)


class Treatment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        DRAFT = "draft", _("Draft")

    slug = models.SlugField(
        _("web address name"),
        unique=True,
        help_text=_(
            "Made from the name when the treatment is added; its page's address, the suggestion rules and exports use "
            "it, so change it only with care."
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    name_in_sentence = models.CharField(
        _("name inside a sentence"),
        max_length=100,
        blank=True,
        help_text=_(
            'How the name reads in the middle of a sentence ("Combining dermal fillers and Botox"), for example: '
            "dermal fillers. Leave it blank for a name that keeps its capital, such as Botox."
        ),
    )
    also_known_as = models.CharField(_("also known as"), max_length=200, blank=True)
    category = models.CharField(
        _("category"), max_length=100, help_text=_("For example: neuromodulator, injectable gel.")
    )
    materials = models.TextField(_("materials"), blank=True)
    summary = models.TextField(_("summary"))
    how_it_works = models.TextField(_("how it works"))
    best_for = models.TextField(_("best for"))
    onset_days_min = models.PositiveSmallIntegerField(_("onset from (days)"))
    onset_days_max = models.PositiveSmallIntegerField(_("onset up to (days)"))
    onset_text = models.CharField(_("onset in words"), max_length=300)
    duration_min_months = models.PositiveSmallIntegerField(_("results last from (months)"))
    duration_max_months = models.PositiveSmallIntegerField(_("results last up to (months)"))
    duration_notes = models.TextField(
        _("notes on duration"),
        blank=True,
        help_text=_(
            "What the numbers cannot say (what makes results last longer or shorter). The page states the months "
            "above itself; do not repeat them here."
        ),
    )
    reference_duration_min_months = models.PositiveSmallIntegerField(
        _("public sources' figure: from (months)"), null=True, blank=True
    )
    reference_duration_max_months = models.PositiveSmallIntegerField(
        _("public sources' figure: up to (months)"), null=True, blank=True
    )
    reference_duration_source = models.CharField(
        _("public sources for that figure"),
        max_length=200,
        blank=True,
        help_text=_("Shown beside the clinic's figure, for example: the American Academy of Dermatology and the NHS."),
    )
    reference_duration_concerns = models.ManyToManyField(
        "Concern",
        blank=True,
        related_name="+",
        verbose_name=_("kinds of concern that figure is for"),
        help_text=_(
            "A result shows the public figure only beside a suggestion for one of these (a figure for lines, say, "
            "not beside one for sweating). None ticked: beside every suggestion of this treatment. Keep the sources' "
            "wording above in step with what is ticked (it may say, for example: for lines and wrinkles)."
        ),
    )
    min_interval_days = models.PositiveSmallIntegerField(
        _("minimum days between treatments"),
        null=True,
        blank=True,
        help_text=_("An earlier treatment within this many days raises a flag for the practitioner. Botox: 90."),
    )
    off_label_note = models.CharField(
        _("what an off-label use means"),
        max_length=400,
        blank=True,
        help_text=_("Added to the reason of every rule marked off-label for this treatment."),
    )
    procedure = models.TextField(_("procedure"))
    downtime = models.TextField(_("downtime"))
    who_should_not = models.TextField(_("who should not have it"))
    safety_notes = models.TextField(
        _("safety facts every reader must see"),
        blank=True,
        help_text=_("Shown on the treatment's page and the comparison, each with its source in the sources list."),
    )
    sources = models.TextField(_("sources"), help_text=_("One source per line."))
    last_reviewed = models.DateField(_("last reviewed"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # The ticks of the public figure's concerns are edits like any other: the history keeps them.
    history = HistoricalRecords(m2m_fields=[reference_duration_concerns])
    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        constraints = [
            models.CheckConstraint(
                condition=Q(onset_days_min__lte=F("onset_days_max")),
                name="treatment_onset_min_lte_max",
                violation_error_message=_("Onset 'from' cannot be later than onset 'up to'."),
            ),
            models.CheckConstraint(
                condition=Q(duration_min_months__lte=F("duration_max_months")),
                name="treatment_duration_min_lte_max",
                violation_error_message=_("Results cannot last longer 'from' than 'up to': check the months."),
            ),
            models.CheckConstraint(
                condition=Q(duration_min_months__gte=1),
                name="treatment_duration_min_positive",
                violation_error_message=_("Results last at least one month."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def source_lines(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class Region(models.Model):
    slug = rules_name_field()
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Area(models.Model):
    slug = rules_name_field()
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="areas", verbose_name=_("region"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__position", "position", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class Concern(models.Model):
    slug = rules_name_field()
    name = models.CharField(_("name"), max_length=100)
    patient_wording = models.CharField(
        _("patient wording"),
        max_length=200,
        help_text=_(
            "How a patient would say it, used in the form and in reasons. "
            "For example: lines that show when I move my face."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self):
        return self.name


class Indication(models.Model):
    """A suggestion rule: this treatment addresses this concern in this area."""

    class Strength(models.IntegerChoices):
        USUAL = 3, _("Usual choice")
        GOOD = 2, _("Good option")
        POSSIBLE = 1, _("Sometimes used")

    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="indications", verbose_name=_("treatment")
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="indications", verbose_name=_("area"))
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="indications", verbose_name=_("concern")
    )
    reason = models.CharField(_("reason shown to the patient"), max_length=300)
    strength = models.PositiveSmallIntegerField(_("strength"), choices=Strength.choices, default=Strength.USUAL)
    duration_min_months = models.PositiveSmallIntegerField(
        _("results last from (months) in this area"), null=True, blank=True
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("results last up to (months) in this area"), null=True, blank=True
    )
    duration_source = models.CharField(
        _("source for this area's months"),
        max_length=200,
        blank=True,
        help_text=_("Months for an area are shown only with a source; without one the treatment's range is shown."),
    )
    off_label = models.BooleanField(
        _("off-label"),
        default=False,
        help_text=_("The product's licence does not cover this use. The reason then says so, everywhere it is shown."),
    )
    caution = models.CharField(
        _("caution shown with the reason"),
        max_length=400,
        blank=True,
        help_text=_("A safety point the patient and the practitioner should see beside this suggestion."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment__position", "area__region__position", "area__position", "concern__position"]
        verbose_name = _("suggestion rule")
        verbose_name_plural = _("suggestion rules: which treatment helps which concern where")
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "area", "concern"], name="indication_unique_treatment_area_concern"
            ),
            models.CheckConstraint(
                condition=Q(duration_min_months__isnull=True, duration_max_months__isnull=True)
                | Q(
                    duration_min_months__isnull=False,
                    duration_max_months__isnull=False,
                    duration_min_months__lte=F("duration_max_months"),
                ),
                name="indication_duration_both_or_neither_min_lte_max",
                violation_error_message=_("Give both months for this area, with 'from' no more than 'up to'."),
            ),
        ]

    def __str__(self):
        return f"{self.treatment} · {self.area} · {self.concern}"


class SideEffect(models.Model):
    class Frequency(models.TextChoices):
        COMMON = "common", _("Common")
        UNCOMMON = "uncommon", _("Uncommon")
        RARE_SERIOUS = "rare-serious", _("Rare but serious")

    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="side_effects", verbose_name=_("treatment")
    )
    name = models.CharField(_("name"), max_length=100)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    description = models.CharField(_("description"), max_length=400, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment__position", "position", "name"]
        verbose_name = _("side effect")
        verbose_name_plural = _("side effects")
        constraints = [
            models.UniqueConstraint(fields=["treatment", "name"], name="side_effect_unique_name_per_treatment"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_frequency_display()})"


class Precaution(models.Model):
    """A screening question asked in the intake form, and what a yes means for the practitioner."""

    slug = rules_name_field()
    name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("How a suggestion names it, for example: pregnancy or breastfeeding."),
    )
    question = models.CharField(_("screening question"), max_length=300)
    detail_prompt = models.CharField(_("prompt for details"), max_length=200, blank=True)
    treatments = models.ManyToManyField(Treatment, related_name="precautions", verbose_name=_("treatments affected"))
    practitioner_note = models.TextField(_("what the practitioner should know"))
    patient_note = models.CharField(_("what the patient is told"), max_length=400)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(m2m_fields=[treatments])

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("precaution")
        verbose_name_plural = _("precautions")

    def __str__(self):
        return self.question


class PrecautionEffect(models.Model):
    """What a yes to a screening question does to a suggested treatment, beside raising the flag."""

    class Effect(models.TextChoices):
        POSTPONED = "postponed", _("Usually postponed")
        REVIEW = "review", _("Not until a practitioner has reviewed this")

    precaution = models.ForeignKey(
        Precaution, on_delete=models.CASCADE, related_name="effects", verbose_name=_("screening question")
    )
    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="precaution_effects", verbose_name=_("treatment")
    )
    effect = models.CharField(_("effect on the suggestion"), max_length=20, choices=Effect.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["precaution__position", "treatment__position"]
        verbose_name = _("effect of a screening answer")
        verbose_name_plural = _("effects of screening answers")
        constraints = [
            models.UniqueConstraint(fields=["precaution", "treatment"], name="precaution_effect_unique"),
        ]

    def __str__(self):
        return f"{self.precaution.slug} · {self.treatment} · {self.get_effect_display()}"


class SeededRow(models.Model):
    """Remembers each seeded row by its key, so a later load never brings back a row an admin deleted."""

    key = models.CharField(max_length=200, unique=True)
    seeded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("seeded row")
        verbose_name_plural = _("seeded rows")

    def __str__(self):
        return self.key


class CatalogueVersion(models.Model):
    """A single row whose token changes with every edit of the catalogue, in the edit's own transaction.

    The suggestion rules and cached fragments carry the token in their keys, so an edit shows at once, and a cache
    that missed an invalidation (Redis down during the edit) can never serve the old content under the new token.
    Whole public pages are checked against a copy of the token in the cache, rewritten when an edit commits and
    expiring after two seconds (treatments.catalogue.VERSION_COPY_SECONDS).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalogue version")

    def __str__(self):
        return self.token
