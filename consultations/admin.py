"""Consultations in the admin: read-only. Staff work them in the staff workspace, which writes through services
(notes, status changes, plans, with the audit trail); the admin is for looking things up."""

from django.contrib import admin

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
