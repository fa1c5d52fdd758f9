"""Dates as a British clinic writes them, wherever Django formats or reads one itself (the admin, plain forms)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils.formats import date_format


def test_the_admin_s_default_formats_are_british():
    moment = datetime(2026, 12, 2, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    assert date_format(moment.date()) == "2 Dec 2026"
    assert date_format(moment, "SHORT_DATE_FORMAT") == "02/12/2026"
    assert date_format(moment, "DATETIME_FORMAT") == "2 Dec 2026, 2:30 p.m."


def test_a_typed_date_reads_day_first_and_iso_still_works():
    field = forms.DateField()
    assert field.clean("05/10/1990") == date(1990, 10, 5)
    assert field.clean("1990-10-05") == date(1990, 10, 5)
