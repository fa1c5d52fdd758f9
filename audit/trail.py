"""Records audit events; every consultation view, change, export and deletion goes through here."""

from audit.models import AuditEvent


def audit_record(*, actor, action: str, reference: str = "", detail: str = "", ip: str | None = None) -> AuditEvent:
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_username=user.get_username() if user else "",
        action=action,
        consultation_reference=reference,
        detail=detail[:300],
        ip_address=ip,
    )
