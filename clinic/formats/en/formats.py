"""English as the clinic writes it: British dates (25 Oct 2006, 25/10/2006) wherever Django formats a date itself,
as the admin's lists and histories do, and day-first dates typed into a form (ISO dates are always accepted)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
