"""Loads the seeded treatment catalogue; safe to run any number of times."""

from django.core.management.base import BaseCommand

from treatments.seeding import catalogue_seed


class Command(BaseCommand):
    help = "Create the seeded treatments, areas, concerns, rules, side effects and precautions that are missing."

    def handle(self, *args, **options):
        report = catalogue_seed()
        if options["verbosity"] == 0:
            return
        if report.total == 0:
            self.stdout.write("Catalogue already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {label}" for label, count in report.created.items() if count)
        self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
