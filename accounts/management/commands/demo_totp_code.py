"""Prints the current one-time code for the demo accounts' published TOTP secret (debug or demo mode only)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_mode_required
from accounts.second_factor import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current sign-in code of the demo staff, admin and editor accounts (demo mode only)."

    def handle(self, *args, **options):
        try:
            demo_mode_required()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        now = time.time()
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now) // app_settings.TOTP_PERIOD))
        left = app_settings.TOTP_PERIOD - int(now) % app_settings.TOTP_PERIOD
        self.stdout.write(f"{code}  (valid for {left} more seconds)")
