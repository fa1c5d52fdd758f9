"""Clinic admins browse the audit trail read-only: nobody can add, change or delete an event."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

from audit.models import AuditEvent
from clinic.admin_read_only import ReadOnlyModelAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "who", "action", "consultation_reference", "detail", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["consultation_reference", "actor_username"]
    date_hierarchy = "at"

    def get_changelist_instance(self, request):
        # Django turns an impossible date into "?e=1" but lets a year past datetime's range raise OverflowError.
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error
