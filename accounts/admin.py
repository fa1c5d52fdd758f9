"""The users list for clinic admins: each user's role at a glance, and the admin-site flag said plainly."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

User = get_user_model()


class ClinicUserAdmin(UserAdmin):
    list_display = ["username", "email", "role", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("role"))
    def role(self, user) -> str:
        roles = [group.name for group in user.groups.all()]
        if user.is_superuser and not roles:
            roles = [_("Superuser")]
        return ", ".join(str(role) for role in roles) or _("Patient")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "is_staff":
            field.label = _("Can sign in to this admin site")
            field.help_text = _(
                "Content editors and clinic admins need this. The role (group) decides what they may change; staff "
                "who only work the consultation queue do not need it."
            )
        return field


admin.site.unregister(User)
admin.site.register(User, ClinicUserAdmin)
# Read when a page is drawn, so the admin always shows the CLINIC_NAME setting in force.
admin.site.site_header = lazy(lambda: _("%(name)s: content and records") % {"name": settings.CLINIC_NAME}, str)()
admin.site.site_title = lazy(lambda: _("%(name)s admin") % {"name": settings.CLINIC_NAME}, str)()
admin.site.index_title = _("What would you like to change?")
