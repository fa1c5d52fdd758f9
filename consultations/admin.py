"""Consultations in the admin: read-only. Staff work them in the staff workspace, which writes through services
(notes, status changes, plans, with the audit trail); the admin is for looking things up."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.trail import audit_record
from clinic.admin_read_only import ReadOnlyModelAdmin
from clinic.client_address import client_ip
from consultations.models import Consultation


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "created_at", "full_name", "status", "has_flags", "assigned_to"]
    list_filter = ["status", "has_flags"]
    search_fields = ["reference", "full_name", "email"]
    list_select_related = ["assigned_to"]
    list_per_page = 25
    # The answers are read in the staff record; here the record's own fields, with what the patient was shown in
    # words rather than as the stored JSON and its denormalised copies (flag labels, suggested slugs).
    fields = [
        "reference",
        "status",
        "full_name",
        "email",
        "phone",
        "date_of_birth",
        "contact_method",
        "goals",
        "suggestion_shown",
        "assigned_to",
        "plan_notes",
        "patient",
        "entered_by",
        "channel",
        "consent_version",
        "consented_at",
        "rules_version",
        "created_at",
        "updated_at",
        "anonymised_at",
    ]
    readonly_fields = ["suggestion_shown", "created_at", "updated_at"]

    def view_on_site(self, obj):
        """The staff record, where the answers and the work on them are; not the patient's own result page."""
        return reverse("staff:detail", kwargs={"reference": obj.reference})

    @admin.display(description=_("suggestion shown"))
    def suggestion_shown(self, obj):
        shown = obj.suggestion or {}
        suggestions = "; ".join(
            f"{s.get('name', '')} ({', '.join(s.get('area_names', []))})"
            + (f": {' '.join(s['holds'])}" if s.get("holds") else "")
            for s in shown.get("suggestions", [])
        )
        flags = "; ".join(f.get("label") or f.get("question", "") for f in shown.get("flags", []))
        return format_html(
            "<p>{} {}</p><p>{} {}</p>",
            _("To discuss:"),
            suggestions or _("no specific suggestion."),
            _("Flags:"),
            flags or _("none."),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The record's page shows the patient's answers, so opening it is a read, audited like the staff page's."""
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = getattr(response, "context_data", None) or {}
        if response.status_code == 200 and shown.get("original") is not None:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.VIEWED,
                reference=shown["original"].reference,
                detail="admin",
                ip=client_ip(request),
            )
        return response
