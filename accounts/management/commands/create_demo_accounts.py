"""Creates the demo accounts and fictional consultations (debug or demo mode only)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, demo_accounts_create
from consultations.demo import demo_consultations_create


class Command(BaseCommand):
    help = "Create the missing demo accounts and consultations. Refuses unless DJANGO_DEBUG or DJANGO_DEMO_MODE is on."

    def handle(self, *args, **options):
        try:
            created = demo_accounts_create()
            consultations = demo_consultations_create()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Created demo accounts {', '.join(created)} (password {DEMO_PASSWORD}).")
            )
        if consultations:
            self.stdout.write(self.style.SUCCESS(f"Created {consultations} demo consultations."))
        if not created and not consultations:
            self.stdout.write("Demo accounts already exist; nothing changed.")
