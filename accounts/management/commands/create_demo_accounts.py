"""Creates the demo accounts (debug or demo mode only)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, demo_accounts_create


class Command(BaseCommand):
    help = "Create the missing demo accounts. Refuses unless DJANGO_DEBUG or DJANGO_DEMO_MODE is on."

    def handle(self, *args, **options):
        try:
            created = demo_accounts_create()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Created demo accounts {', '.join(created)} (password {DEMO_PASSWORD}).")
            )
        else:
            self.stdout.write("Demo accounts already exist; nothing changed.")
