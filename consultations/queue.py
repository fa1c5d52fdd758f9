"""The staff work queue: filters, search, sorting, and pages whose cost does not grow with the table."""

import re
from dataclasses import dataclass
from datetime import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connections
from django.db.models import BooleanField, Count, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.permissions import access_stamp
from accounts.roles import REVIEW_PERMISSION
from consultations.models import Consultation, ReportedConcern
from treatments.catalogue import catalogue_choices, catalogue_stamp

PAGE_SIZE = 25
STATUS_COUNTS_KEY = "consultations:status-counts"
STATUS_COUNTS_SECONDS = 60

# The columns a queue row shows, in QueueRow's order; the suggestion JSON, the largest column, is not among them.
QUEUE_COLUMNS = [
    "reference",
    "created_at",
    "full_name",
    "status",
    "suggested_treatments",
    "has_flags",
    "assigned_to__username",
]

SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "name": ("full_name", "id"),
    "-name": ("-full_name", "-id"),
    "status": ("status", "-created_at", "-id"),
}


def reviewers():
    """Users who can review consultations: the people a consultation can be assigned to."""
    User = get_user_model()
    app_label, codename = REVIEW_PERMISSION.split(".")
    perm = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return User.objects.filter(perm | Q(is_superuser=True), is_active=True).distinct().order_by("username")


def reviewer_choices() -> list[tuple[str, str]]:
    """(user id as text, username) of every reviewer, cached until anyone's access or account changes."""
    key = f"consultations:reviewers:{access_stamp()}"
    choices = caches["stamped"].get(key)
    if choices is None:
        choices = [(str(pk), name) for pk, name in reviewers().values_list("pk", "username")]
        caches["stamped"].set(key, choices, 60 * 60)
    return choices


class QueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Consultation.Status.choices, label=_("Status"))
    treatment = django_filters.ChoiceFilter(method="suggested", label=_("Suggested treatment"), choices=[])
    area = django_filters.ChoiceFilter(method="reported_area", label=_("Area"), choices=[])
    has_flags = django_filters.BooleanFilter(
        label=_("Has flags"), widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
    )
    submitted_from = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    assigned_to = django_filters.ChoiceFilter(field_name="assigned_to_id", label=_("Assigned to"), choices=[])

    class Meta:
        model = Consultation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = catalogue_choices()
        self.filters["treatment"].extra["choices"] = choices["treatments"]
        self.filters["area"].extra["choices"] = choices["areas"]
        # Plain choices, not a ModelChoiceFilter: that one counts and then iterates the users on every render.
        self.filters["assigned_to"].extra["choices"] = reviewer_choices()

    def search(self, queryset, name, value):
        return queryset.filter(search_condition(value, queryset.db))

    def suggested(self, queryset, name, value):
        return queryset.filter(suggested_treatments__contains=f",{value},")

    def reported_area(self, queryset, name, value):
        return queryset.filter(Exists(ReportedConcern.objects.filter(consultation=OuterRef("pk"), area__slug=value)))


REFERENCE_SHAPE = re.compile(r"^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$")
PHONE_SHAPE = re.compile(r"^[0-9 +()-]+$")
# Matches the index in migrations/0004_search_name_words.py.
NAME_WORDS_MATCH = (
    'to_tsvector(\'simple\'::regconfig, "consultations_consultation"."full_name"::text) '
    "@@ to_tsquery('simple'::regconfig, %s)"
)


def search_condition(text: str, database: str = "default") -> Q:
    """What the staff search box matches, chosen by what was typed, so each kind uses its own index:

    a reference (ABCD-EFGH-JKMN) by its unique index; anything with @ or a dot in an email (and a name, for "St.
    John"); digits, spaces and + ( ) - in a phone number; anything else in the patient's name, by its words, the
    last one as a prefix, so "mary ridg" finds Mary Ridgeton. On PostgreSQL a name is matched by its full-text
    index (its cost does not grow with the table, unlike the trigram index's); elsewhere every word must appear.
    """
    text = text.strip()
    if not text:
        return Q()
    if REFERENCE_SHAPE.match(text):
        return Q(reference=text.upper())
    if "@" in text or "." in text:
        return Q(email__icontains=text) | Q(full_name__icontains=text)
    if PHONE_SHAPE.match(text) and any(c.isdigit() for c in text):
        return Q(phone__icontains=text)
    words = re.findall(r"[^\W_]+", text.lower())
    if not words:
        return Q(full_name__icontains=text)
    if connections[database].vendor == "postgresql":
        query = " & ".join(words[:-1] + [words[-1] + ":*"])
        # Constant SQL; the words (letters and digits only) are a bound parameter.
        return Q(RawSQL(NAME_WORDS_MATCH, (query,), output_field=BooleanField()))  # noqa: S611  # nosec B611
    condition = Q()
    for word in words:
        condition &= Q(full_name__icontains=word)
    return condition


@dataclass
class QueuePage:
    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


@dataclass(slots=True)
class QueueRow:
    """One row of the queue: the columns it shows, read as plain values (building model instances for 25 rows
    took more time than the query at 1,000,000 consultations), and the text of its cells once labelled."""

    reference: str
    created_at: datetime
    full_name: str
    status: str
    suggested_treatments: str
    has_flags: bool
    assignee_username: str | None
    submitted_day: str = ""
    submitted_time: str = ""
    status_label: str = ""
    suggested_text: str = ""
    assignee: str = ""

    @property
    def suggested_slugs(self) -> list[str]:
        return [slug for slug in self.suggested_treatments.split(",") if slug]

    def shown(self) -> tuple:
        """Everything its cells depend on, for the cache key of the table."""
        return (
            self.reference,
            self.created_at.isoformat(),
            self.full_name,
            self.status,
            self.suggested_treatments,
            self.has_flags,
            self.assignee_username or "",
        )


def queue_page(queryset, *, sort: str, page: int) -> QueuePage:
    """One page of the queue, without counting the whole table: fetch one row more to know if there is a next."""
    page = max(1, page)
    ordered = queryset.order_by(*SORTS.get(sort, SORTS["newest"])).values_list(*QUEUE_COLUMNS)
    start = (page - 1) * PAGE_SIZE
    rows = [QueueRow(*values) for values in ordered[start : start + PAGE_SIZE + 1]]
    return QueuePage(rows=rows[:PAGE_SIZE], number=page, has_next=len(rows) > PAGE_SIZE)


def rows_label(rows: list[QueueRow]) -> list[QueueRow]:
    """Give each queue row the text its cells show, worked out in Python; returns the rows.

    The template filters this replaces (two `date` filters, `get_status_display`, `join`, `default` per row)
    were most of the table's rendering time: about 0.3 ms a row on the bench machine. Called only when the
    table's cached fragment has to be rendered.
    """
    treatments = dict(catalogue_choices()["treatments"])
    statuses = dict(Consultation.Status.choices)
    for row in rows:
        submitted = timezone.localtime(row.created_at)
        row.submitted_day = f"{submitted.day} {submitted:%b %Y}"
        row.submitted_time = f"{submitted:%H:%M}"
        row.status_label = statuses.get(row.status, row.status)
        row.suggested_text = ", ".join(treatments.get(slug, slug) for slug in row.suggested_slugs) or "—"
        row.assignee = row.assignee_username or "—"
    return rows


def fragment_dependencies(query: QueryDict, sort: str, rows: list[QueueRow]) -> dict[str, str]:
    """What the queue's cached parts show, for their cache keys: the filter fields depend on the query and the
    choice lists; the table's rows on each row's shown columns and the treatment names."""
    common = f"{catalogue_stamp()}:{get_language()}"
    return {
        "filters": f"{common}:{access_stamp()}:{sort}:{urlencode(sorted(query.lists()), doseq=True)}",
        "rows": f"{common}:{[row.shown() for row in rows]!r}",
    }


def status_counts() -> dict[str, int]:
    """How many consultations per status, for the tabs: cached briefly, and cleared when a status changes."""
    counts = cache.get(STATUS_COUNTS_KEY)
    if counts is None:
        counts = {status: 0 for status in Consultation.Status.values}
        counts.update(dict(Consultation.objects.values_list("status").annotate(n=Count("id")).order_by()))
        cache.set(STATUS_COUNTS_KEY, counts, STATUS_COUNTS_SECONDS)
    return counts


def status_counts_clear() -> None:
    cache.delete(STATUS_COUNTS_KEY)
