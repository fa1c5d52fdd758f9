"""The admin is the content editor: treatments with their rules and side effects, areas, concerns, precautions."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from treatments.models import Area, Concern, Indication, Precaution, PrecautionEffect, Region, SideEffect, Treatment


class CatalogueForm(forms.ModelForm):
    """Browsers send textarea line breaks as CRLF; store LF, so a save that changes nothing records no change."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class CatalogueAdmin(SimpleHistoryAdmin):
    form = CatalogueForm


# Reasons and cautions are sentences: give them room to be read and edited.
SENTENCE_FIELDS = {models.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class IndicationInline(admin.TabularInline):
    model = Indication
    form = CatalogueForm
    extra = 0
    formfield_overrides = SENTENCE_FIELDS
    fields = [
        "area",
        "concern",
        "strength",
        "reason",
        "caution",
        "off_label",
        "duration_min_months",
        "duration_max_months",
        "duration_source",
    ]
    autocomplete_fields = ["area", "concern"]


class SideEffectInline(admin.TabularInline):
    model = SideEffect
    form = CatalogueForm
    extra = 0
    fields = ["name", "frequency", "description", "position"]


@admin.register(Treatment)
class TreatmentAdmin(CatalogueAdmin):
    list_display = [
        "name",
        "slug",
        "status",
        "onset_text",
        "duration_min_months",
        "duration_max_months",
        "last_reviewed",
    ]
    list_filter = ["status"]
    search_fields = ["name", "slug", "also_known_as", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]
    inlines = [IndicationInline, SideEffectInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "also_known_as", "category", "materials", "status", "position"]}),
        (
            _("For patients"),
            {
                "fields": [
                    "summary",
                    "how_it_works",
                    "best_for",
                    "procedure",
                    "downtime",
                    "who_should_not",
                    "safety_notes",
                    "off_label_note",
                ]
            },
        ),
        (
            _("What to expect"),
            {
                "fields": [
                    "onset_days_min",
                    "onset_days_max",
                    "onset_text",
                    "duration_min_months",
                    "duration_max_months",
                    "reference_duration_min_months",
                    "reference_duration_max_months",
                    "reference_duration_source",
                    "duration_notes",
                    "min_interval_days",
                ]
            },
        ),
        (_("Evidence"), {"fields": ["sources", "last_reviewed"]}),
    ]


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position"]


@admin.register(Area)
class AreaAdmin(CatalogueAdmin):
    list_display = ["name", "slug", "region", "position"]
    list_filter = ["region"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
    ordering = ["region__position", "position"]


@admin.register(Concern)
class ConcernAdmin(CatalogueAdmin):
    list_display = ["name", "slug", "patient_wording", "position"]
    search_fields = ["name", "slug", "patient_wording"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position"]


@admin.register(Indication)
class IndicationAdmin(CatalogueAdmin):
    formfield_overrides = SENTENCE_FIELDS
    list_display = ["treatment", "area", "concern", "strength", "off_label", "reason"]
    list_filter = ["treatment", "concern", "strength", "off_label", "area__region"]
    search_fields = ["reason", "area__name", "concern__name", "treatment__name"]
    list_select_related = ["treatment", "area", "concern"]
    autocomplete_fields = ["treatment", "area", "concern"]
    ordering = ["treatment__position", "area__region__position", "area__position"]


@admin.register(SideEffect)
class SideEffectAdmin(CatalogueAdmin):
    list_display = ["name", "treatment", "frequency", "position"]
    list_filter = ["treatment", "frequency"]
    search_fields = ["name", "description"]
    list_select_related = ["treatment"]


class PrecautionEffectInline(admin.TabularInline):
    """What a yes does to a suggested treatment: usually postponed, or not until a practitioner has reviewed it."""

    model = PrecautionEffect
    extra = 0
    fields = ["treatment", "effect"]


@admin.register(Precaution)
class PrecautionAdmin(CatalogueAdmin):
    list_display = ["question", "name", "slug", "position"]
    inlines = [PrecautionEffectInline]
    list_filter = ["treatments"]
    search_fields = ["slug", "question", "practitioner_note"]
    prepopulated_fields = {"slug": ["question"]}
    filter_horizontal = ["treatments"]
    ordering = ["position"]
