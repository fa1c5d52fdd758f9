"""A consultation: what a patient told us, what they were shown, and where staff are with it."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from treatments.models import Area, Concern, Precaution, Treatment

# No 0/O or 1/I/L: references are read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """An unguessable reference such as 'K7QM-2XPD-9HFR' (about 59 bits of randomness)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


class Channel(models.TextChoices):
    """How staff took a consultation with the patient."""

    PHONE = "phone", _("on the phone")
    DESK = "desk", _("at the desk")
    TABLET = "tablet", _("in clinic, on a tablet")


# The statuses in the order a consultation moves through them: the queue's sort by status. Here, not taken from
# Consultation.Status, because the index below is declared inside the class (a test holds the two to one order).
STATUS_WORKFLOW = ("new", "in-review", "contacted", "booked", "closed", "cancelled")


def status_rank() -> Case:
    """A status's place in STATUS_WORKFLOW, for ORDER BY (and its index)."""
    return Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_WORKFLOW)),
        output_field=IntegerField(),
    )


class Consultation(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in-review", _("In review")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Booked")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    reference = models.CharField(_("reference"), max_length=14, unique=True, default=new_reference, editable=False)
    submission_token = models.UUIDField(
        _("submission token"), unique=True, help_text=_("One per form shown, so a double submit saves once.")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    # Blank only for a consultation staff took from a patient with no email address; the patient's form asks for one.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    contact_method = models.CharField(_("preferred contact"), max_length=10, choices=ContactMethod.choices)
    goals = models.TextField(_("goals"), blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    suggestion = models.JSONField(_("suggestion shown"), help_text=_("What the patient was shown, as it was then."))
    rules_version = models.CharField(_("rules version"), max_length=32)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("patient account"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_consultations",
        verbose_name=_("assigned to"),
    )
    plan_notes = models.TextField(_("plan agreed with the patient"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        help_text=_("The staff member who filled in the form with the patient; empty when the patient did."),
    )
    channel = models.CharField(_("how it was taken"), max_length=10, choices=Channel.choices, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Raised on every staff save."))
    has_flags = models.BooleanField(_("has flags"), default=False)
    flag_labels = models.JSONField(
        _("flags"), default=list, blank=True, help_text=_("A few words naming each flag, for the queue.")
    )
    suggested_treatments = models.CharField(
        _("suggested treatments"), max_length=200, blank=True, help_text=_("Slugs, comma-separated, for filtering.")
    )
    anonymised_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["suggestion", "submission_token"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [
            ("review_consultation", _("Can review consultations in the staff workspace")),
            ("export_consultation", _("Can export consultations")),
        ]
        indexes = [
            # The staff queue: one status tab, newest first.
            models.Index(fields=["status", "-created_at", "-id"], name="consultation_status_created"),
            # The queue sorted by status: new first, in the order of the work, newest first within each.
            models.Index(status_rank(), F("created_at").desc(), F("id").desc(), name="consultation_status_rank"),
            # The queue with no status filter, newest first.
            models.Index(fields=["-created_at", "-id"], name="consultation_created"),
            # A returning patient's earlier consultations, by their email address in any case.
            models.Index(Upper("email"), name="consultation_email_upper"),
            # "Assigned to me" within the queue.
            models.Index(fields=["assigned_to", "-created_at"], name="consultation_assigned_created"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("consultations:result", kwargs={"reference": self.reference})

    @property
    def taken_by_staff(self) -> bool:
        """Staff took the answers with the patient, at the desk or on the phone; on a clinic tablet the patient
        filled in the form themselves, and saw their result."""
        return bool(self.entered_by_id) and self.channel != Channel.TABLET

    @property
    def entered_by_text(self) -> str:
        """ "Entered by desk (on the phone)", or "" when the patient filled in the form."""
        if not self.entered_by_id:
            return ""
        if self.channel == Channel.TABLET:
            return _("Filled in by the patient on a clinic tablet handed over by %(name)s") % {
                "name": self.entered_by.get_username()
            }
        return _("Entered by %(name)s (%(channel)s)") % {
            "name": self.entered_by.get_username(),
            "channel": self.get_channel_display() or _("with the patient"),
        }

    @property
    def suggested_slugs(self) -> list[str]:
        return [slug for slug in self.suggested_treatments.split(",") if slug]


class ReportedConcern(models.Model):
    class Severity(models.TextChoices):
        MILD = "mild", _("Mild")
        MODERATE = "moderate", _("Moderate")
        MARKED = "marked", _("Marked")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="concerns")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="+")
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)

    class Meta:
        ordering = ["area__region__position", "area__position", "concern__position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "area", "concern"], name="reported_concern_unique"),
        ]

    def __str__(self):
        return f"{self.area} · {self.concern}"


class EarlierTreatment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="earlier_treatments")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="+")
    months_ago = models.PositiveSmallIntegerField(_("months ago"))
    outcome = models.TextField(_("how it went"), blank=True)

    class Meta:
        ordering = ["months_ago"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "treatment"], name="earlier_treatment_unique"),
        ]

    def __str__(self):
        return f"{self.treatment}, {self.months_ago} months ago"


class ScreeningAnswer(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="screening_answers")
    precaution = models.ForeignKey(Precaution, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("question as asked"), max_length=300)
    answer = models.BooleanField(_("answer"))
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["precaution__position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "precaution"], name="screening_answer_unique"),
        ]

    def __str__(self):
        return f"{self.question}: {'yes' if self.answer else 'no'}"


class PlanItem(models.Model):
    """A treatment and area the patient and practitioner agreed on; it may differ from the suggestion."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="plan_items")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["treatment__position", "area__region__position", "area__position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "treatment", "area"], name="plan_item_unique"),
        ]

    def __str__(self):
        return f"{self.treatment} · {self.area}"


class Note(models.Model):
    """A staff note. Append-only: never edited or deleted, except with the patient's personal data."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author} at {self.created_at:%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="status_changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=20, choices=Consultation.Status.choices)
    to_status = models.CharField(max_length=20, choices=Consultation.Status.choices)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class IntakeDraft(models.Model):
    """A patient's unfinished intake form, kept for a few days behind an emailed link and a one-time code.

    Health data: never cached, never logged, not in the admin, deleted once sent or expired. The link token and
    the code are stored only as keyed hashes (consultations/drafts.py).
    """

    email = models.EmailField(_("email"))
    answers = models.JSONField(_("answers so far"), help_text=_("The form's fields as posted: name -> values."))
    step = models.PositiveSmallIntegerField(_("step reached"), default=1)
    link_token_hash = models.CharField(_("link token (hashed)"), max_length=64, unique=True)
    code_hash = models.CharField(_("one-time code (hashed)"), max_length=64, blank=True)
    code_expires_at = models.DateTimeField(_("code expires at"), null=True, blank=True)
    code_sent_at = models.DateTimeField(_("code sent at"), null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(_("wrong tries of this code"), default=0)
    created_at = models.DateTimeField(_("first saved at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("saved intake form")
        verbose_name_plural = _("saved intake forms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="intake_draft_expires_after_created"
            ),
        ]
        indexes = [
            # Retention: delete every draft whose time is up.
            models.Index(fields=["expires_at"], name="intake_draft_expires"),
        ]

    def __str__(self):
        return f"saved form {self.pk}"
