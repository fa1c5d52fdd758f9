"""Demo accounts for `make run`: created only in debug or demo mode, never in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

DEMO_PASSWORD = "clinic-demo-pass"  # noqa: S105 - a published demo password, refused outside demo mode


def demo_accounts_create() -> list[str]:
    """Create the demo accounts that are missing; return the usernames created."""
    if not (settings.DEBUG or settings.DEMO_MODE):
        raise ImproperlyConfigured("Demo accounts are only created with DJANGO_DEBUG or DJANGO_DEMO_MODE on.")
    User = get_user_model()
    created = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@clinic.example", DEMO_PASSWORD)
        created.append("admin")
    return created
