"""Creates fictional consultations for the demo accounts (debug or demo mode only; run create_demo_accounts first)."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from consultations.demo import demo_consultations_create


class Command(BaseCommand):
    help = "Create the missing demo consultations. Refuses unless DJANGO_DEBUG or DJANGO_DEMO_MODE is on."

    def handle(self, *args, **options):
        try:
            created = demo_consultations_create()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {created} demo consultations."))
        else:
            self.stdout.write("Demo consultations already exist; nothing changed.")
