"""Anonymises or deletes consultations older than the retention period, and deletes expired saved intake forms. A dry
run unless --apply is given."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consultations.retention import expired_drafts_delete, retention_apply


class Command(BaseCommand):
    help = (
        "Anonymise (or delete) consultations older than RETENTION_DAYS, and delete expired saved forms. Shows what it "
        "would do unless --apply."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.RETENTION_DAYS, help="age in days (default: setting)")
        parser.add_argument("--mode", choices=["anonymise", "delete"], default="anonymise")
        parser.add_argument("--apply", action="store_true", help="make the change (otherwise a dry run)")

    def handle(self, *args, days, mode, apply, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        report = retention_apply(days=days, mode=mode, apply=apply)
        when = report.cutoff.date().isoformat()
        if report.applied:
            self.stdout.write(
                self.style.SUCCESS(f"{mode.title()}d {report.matched} consultation(s) submitted before {when}.")
            )
        elif apply:
            self.stdout.write(f"Nothing to do: no consultation submitted before {when} still holds personal data.")
        else:
            self.stdout.write(
                f"Dry run: {report.matched} consultation(s) submitted before {when} would be {mode}d. "
                "Add --apply to do it."
            )
        drafts = expired_drafts_delete(apply=apply)
        if apply:
            self.stdout.write(f"Deleted {drafts} expired saved form(s).")
        else:
            self.stdout.write(f"Dry run: {drafts} expired saved form(s) would be deleted.")
