"""The audit trail: who viewed, changed, exported or deleted a consultation, when, and from where."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")
        NOTE_ADDED = "note-added", _("Note added")
        STATUS_CHANGED = "status-changed", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        PLAN_AGREED = "plan-agreed", _("Plan agreed")
        EXPORTED = "exported", _("Exported")
        DELETED = "deleted", _("Personal data deleted")
        CLAIMED = "claimed", _("Claimed by patient")
        RETAINED = "retention", _("Retention applied")

    # The actor and consultation are kept as text too, so the trail outlives deleted users and data.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    consultation_reference = models.CharField(_("consultation"), max_length=14, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True, help_text=_("Never health data."))
    ip_address = models.GenericIPAddressField(_("from"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            # The trail of one consultation, newest first: staff detail page and admin filter.
            models.Index(fields=["consultation_reference", "-at"], name="audit_reference_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.who} {self.get_action_display()} {self.consultation_reference}"

    @property
    def who(self) -> str:
        """The person, in words: an event without an account is the patient's own (the form, or the browser that
        sent it reading its result) or the system's (retention)."""
        if self.actor_username:
            return self.actor_username
        if self.action in (self.Action.SUBMITTED, self.Action.VIEWED):
            return str(_("the patient (not signed in)"))
        return str(_("the system"))
