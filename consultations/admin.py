"""Consultations in the admin: read-only. Staff work them in the staff workspace, which writes through services
(notes, status changes, plans, with the audit trail); the admin is for looking things up."""

from django.contrib import admin

from clinic.admin_read_only import ReadOnlyModelAdmin
from consultations.models import Consultation


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "created_at", "full_name", "status", "has_flags", "assigned_to"]
    list_filter = ["status", "has_flags"]
    search_fields = ["reference", "full_name", "email"]
    list_select_related = ["assigned_to"]
    list_per_page = 25
