"""The CSV export of the staff queue, streamed row by row and safe to open in a spreadsheet."""

import csv
import itertools
import re

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinic.text import controls_visible
from consultations.models import Consultation
from treatments.models import Treatment

# Headings a person reads in a spreadsheet; the values are labels too, and times are the clinic's local time.
COLUMNS = [
    gettext_lazy("Reference"),
    gettext_lazy("Submitted (local time)"),
    gettext_lazy("Status"),
    gettext_lazy("Full name"),
    gettext_lazy("Email"),
    gettext_lazy("Phone"),
    gettext_lazy("Preferred contact"),
    gettext_lazy("Suggested treatments"),
    gettext_lazy("Flags"),
    gettext_lazy("Assigned to"),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A spreadsheet that guesses another separator (a semicolon in much of Europe) splits a cell into several: each
# part is then a cell of its own, and may start a formula.
SEPARATORS = re.compile(r"[,;\t|\r\n]")


def neutralise(value) -> str:
    """Stop a spreadsheet from running any part of a cell as a formula: prefix the cell with an apostrophe.
    Direction controls are shown as [U+202E] and so on, not obeyed."""
    text = controls_visible("" if value is None else str(value))
    parts = [part.lstrip(" \"'") for part in SEPARATORS.split(text)]
    risky = text.startswith(FORMULA_STARTS) or any(part.startswith(FORMULA_STARTS) for part in parts)
    return "'" + text if risky else text


class _Echo:
    def write(self, value):
        return value


def csv_rows(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow([str(column) for column in COLUMNS])
    statuses = dict(Consultation.Status.choices)
    contacts = dict(Consultation.ContactMethod.choices)
    names = dict(Treatment.objects.values_list("slug", "name"))
    rows = queryset.values_list(
        "reference",
        "created_at",
        "status",
        "full_name",
        "email",
        "phone",
        "contact_method",
        "suggested_treatments",
        "has_flags",
        "flag_labels",
        "assigned_to__username",
    )
    # iterator() streams from the database in chunks instead of loading every row.
    for reference, created, status, name, email, phone, contact, suggested, flags, labels, assignee in rows.iterator(
        chunk_size=2000
    ):
        yield writer.writerow(
            [
                neutralise(value)
                for value in (
                    reference,
                    timezone.localtime(created).strftime("%Y-%m-%d %H:%M"),
                    statuses.get(status, status),
                    name,
                    email,
                    phone,
                    contacts.get(contact, contact),
                    ", ".join(names.get(slug, slug) for slug in suggested.strip(",").split(",") if slug),
                    # What each flag is about, as the queue shows it; "Yes" for one saved before flags had labels.
                    "; ".join(capfirst(label) for label in labels or []) or (_("Yes") if flags else _("No")),
                    assignee or "",
                )
            ]
        )


# A UTF-8 byte-order mark first: without it Excel, opening the file with a double click, reads it in the machine's
# legacy code page and shows "SiobhÃ¡n" for Siobhán.
UTF8_BOM = "\ufeff"


def csv_response(queryset) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        itertools.chain([UTF8_BOM], csv_rows(queryset)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="consultations-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
