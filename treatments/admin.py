"""The admin is the content editor: treatments with their rules and side effects, areas, concerns, precautions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import update_change_reason

from treatments.changed_words import changed_words_marked
from treatments.durations import month_range
from treatments.models import Area, Concern, Indication, Precaution, PrecautionEffect, Region, SideEffect, Treatment


def line_feeds(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class CatalogueForm(forms.ModelForm):
    """Browsers send textarea line breaks as CRLF; store LF, and a text that differs only in them is unchanged."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = line_feeds(value)
        return cleaned

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if not self._line_breaks_only_changed(name)]

    def _line_breaks_only_changed(self, name: str) -> bool:
        field = self[name]
        return (
            isinstance(field.data, str)
            and "\r" in field.data
            and not self.fields[name].has_changed(field.initial, line_feeds(field.data))
        )


# Longer than any text in the catalogue: a change is shown whole.
WHOLE_TEXT_CHARS = 20_000


class ReadableHistory(HistoricalRecordContextHelper):
    """Editors check wording: the history shows a changed text whole, not its ends around "[60 chars]", with the
    changed words marked; linked items (the concerns a figure is for) as a list of names, not Python's brackets."""

    def stringify_delta_change_values(self, change, old, new):
        if isinstance(old, list) or isinstance(new, list):
            return names_listed(old), names_listed(new)
        if isinstance(old, str) and isinstance(new, str):
            return changed_words_marked(old, new)
        return super().stringify_delta_change_values(change, old, new)


def names_listed(items) -> str:
    return ", ".join(str(item) for item in items or ()) or str(_("none"))


class CatalogueAdmin(SimpleHistoryAdmin):
    form = CatalogueForm

    def save_model(self, request, obj, form, change):
        """Saving the page unchanged writes no history entry and keeps the catalogue's version (and its cached
        pages). Unchanged is the form as sent and the item as stored: reverting to an older version in the history
        sends that version's own values, an unchanged form that must still be saved."""
        if change and not form.has_changed() and as_stored(obj):
            request.catalogue_saved_unchanged = obj
            return
        reverted_to = getattr(request, "catalogue_reverted_to", None)
        if reverted_to is not None:
            obj._change_reason = revert_reason(reverted_to)
        if change and set(form.changed_data) & {field.name for field in obj._meta.many_to_many}:
            history_entry_after_links(obj, form)
        super().save_model(request, obj, form, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record, max_displayed_delta_change_chars=WHOLE_TEXT_CHARS)

    def save_related(self, request, form, formsets, change):
        """A side effect or rule edited on the item's page is part of the item's story: its history says so."""
        super().save_related(request, form, formsets, change)
        reason = inline_changes(formsets)
        if change and reason:
            item = form.instance
            if getattr(request, "catalogue_saved_unchanged", None) is item:
                # save_model left the item itself alone: its history entry is for what changed on its page.
                item._history_user = request.user
                item.save()
                request.catalogue_saved_unchanged = None
            update_change_reason(item, reason)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """An unchanged page is not "changed successfully": say that nothing changed, so no history entry."""
        item = getattr(request, "catalogue_saved_unchanged", None)
        if item is not None and level == messages.SUCCESS:
            message, level = (
                _("Nothing was changed on “%(item)s”, so its history has no new entry.") % {"item": item},
                messages.INFO,
            )
        super().message_user(request, message, level, *args, **kwargs)

    # A mistyped address (".../1/change/history/") reaches simple-history's views with an id that is not one; they
    # would answer 500. Django's own admin views answer such an id with "not found" too.
    def history_view(self, request, object_id, extra_context=None):
        self._key_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._key_or_404(object_id)
        self._key_or_404(version_id, self.model.history.model)
        version = self.model.history.filter(pk=unquote(version_id)).only("history_date").first()
        if request.method == "POST":
            request.catalogue_reverted_to = version.history_date if version else None
        elif version is not None:
            self._warn_what_a_revert_leaves(request, object_id, version.history_date)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _warn_what_a_revert_leaves(self, request, object_id, since) -> None:
        """A revert restores the item's own fields, not the side effects or rules edited in its tables: name those
        changed since the version, so an editor does not take the page for restored."""
        tables = tuple(f"{capfirst(inline.model._meta.verbose_name_plural)}:" for inline in self.inlines)
        if not tables:
            return
        later = self.model.history.filter(
            **{self.model._meta.pk.attname: unquote(object_id)}, history_date__gt=since
        ).values_list("history_change_reason", flat=True)
        left = [reason for reason in later if reason and reason.startswith(tables)]
        if left:
            messages.warning(
                request,
                _(
                    "A revert restores this item's own fields only. Changed in its tables since this version, and "
                    "left as they are: %(changes)s. Revert those from their own pages."
                )
                % {"changes": "; ".join(reversed(left))},
            )

    def _key_or_404(self, key: str, model=None) -> None:
        try:
            (model or self.model)._meta.pk.to_python(unquote(key))
        except ValidationError:
            raise Http404 from None


def history_entry_after_links(item, form) -> None:
    """One save, one history entry, once the links are set. simple-history writes an entry for the save, then one
    for each change to a tracked link (cleared, then added), each showing a part of the edit and the first one the
    old links."""
    item.skip_history_when_saving = True
    links_save = form.save_m2m

    def save_m2m():
        links_save()
        del item.skip_history_when_saving
        item.save()

    form.save_m2m = save_m2m


def revert_reason(history_date) -> str:
    """What the history says of a revert, instead of a plain "Changed"."""
    # To the second, as the clinic's other times are written: two versions saved in one minute are told apart.
    when = formats.date_format(timezone.localtime(history_date), "j M Y H:i:s")
    return Truncator(_("Reverted to the version of %(when)s") % {"when": when}).chars(100)


def as_stored(obj) -> bool:
    """Whether every field of `obj` holds what its row in the database does."""
    columns = [field.attname for field in obj._meta.concrete_fields]
    stored = type(obj)._default_manager.filter(pk=obj.pk).values(*columns).first()
    return stored == {column: getattr(obj, column) for column in columns}


def inline_changes(formsets) -> str:
    """ "Side effects: changed Bruising; added Headache", at most the 100 characters history keeps."""
    parts = []
    for formset in formsets:
        done = [
            *(_("added %(item)s") % {"item": obj} for obj in formset.new_objects),
            *(_("changed %(item)s") % {"item": obj} for obj, _fields in formset.changed_objects),
            *(_("deleted %(item)s") % {"item": obj} for obj in formset.deleted_objects),
        ]
        if done:
            parts.append(f"{capfirst(formset.model._meta.verbose_name_plural)}: {', '.join(done)}")
    return Truncator("; ".join(parts)).chars(100)


# Reasons and cautions are sentences: give them room to be read and edited.
SENTENCE_FIELDS = {models.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class IndicationInline(admin.TabularInline):
    model = Indication
    form = CatalogueForm
    extra = 0
    formfield_overrides = SENTENCE_FIELDS
    # What fits a 1280 px window beside the admin's menu. Months for one area need a source and are rare: they are
    # edited on the rule's own page, which "Change" opens.
    fields = ["area", "concern", "strength", "reason", "caution", "off_label"]
    show_change_link = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("area", "concern"):
            # A picker without the add/change/view buttons beside it: areas and concerns have their own pages.
            widget = field.widget
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
            widget.can_delete_related = False
        return field


class SideEffectForm(CatalogueForm):
    class Meta:
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 50})}  # a sentence or two, not a word


class SideEffectInline(admin.TabularInline):
    model = SideEffect
    form = SideEffectForm
    extra = 0
    fields = ["name", "frequency", "description", "position"]


@admin.register(Treatment)
class TreatmentAdmin(CatalogueAdmin):
    class Media:
        css = {"all": ["css/admin-catalogue.css"]}

    # One short column per fact: the onset paragraph and two long month headers pushed the review date out of a
    # 1280 px window.
    list_display = ["name", "status", "results_last", "last_reviewed"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "also_known_as", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]
    inlines = [IndicationInline, SideEffectInline]

    @admin.display(description=_("Results last"), ordering="duration_min_months")
    def results_last(self, treatment):
        return month_range(treatment.duration_min_months, treatment.duration_max_months)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "reference_duration_concerns":  # a handful of kinds of concern: plain tick boxes
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    fieldsets = [
        (
            None,
            {"fields": ["name", "name_in_sentence", "also_known_as", "category", "materials", "status", "position"]},
        ),
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
                    "reference_duration_concerns",
                    "duration_notes",
                    "min_interval_days",
                ]
            },
        ),
        (_("Evidence"), {"fields": ["sources", "last_reviewed"]}),
        # Made from the name when a treatment is added; rules, links and exports rely on it, so it stays out of sight.
        (_("Web address"), {"classes": ["collapse"], "fields": ["slug"]}),
    ]


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ["name", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position"]


@admin.register(Area)
class AreaAdmin(CatalogueAdmin):
    list_display = ["name", "region", "position"]
    list_filter = ["region"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
    ordering = ["region__position", "position"]


@admin.register(Concern)
class ConcernAdmin(CatalogueAdmin):
    list_display = ["name", "patient_wording", "position"]
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
    ordering = ["treatment__position", "area__region__position", "area__position"]


@admin.register(SideEffect)
class SideEffectAdmin(CatalogueAdmin):
    form = SideEffectForm
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
    list_display = ["question", "name", "position"]
    inlines = [PrecautionEffectInline]
    list_filter = ["treatments"]
    search_fields = ["slug", "question", "practitioner_note"]
    prepopulated_fields = {"slug": ["question"]}
    filter_horizontal = ["treatments"]
    ordering = ["position"]
