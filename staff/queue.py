"""The staff work queue: filters, search, sorting, and pages whose cost does not grow with the table."""

import re
from dataclasses import dataclass

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import BooleanField, CharField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace
from django.db.models.lookups import Contains
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.roles import REVIEW_PERMISSION
from consultations.models import REFERENCE_ALPHABET, Consultation, ReportedConcern, status_rank
from consultations.name_folding import NAME_WORDS_FUNCTION, fold
from treatments.models import Area, Treatment

PAGE_SIZE = 25
# Far past the last page of any clinic's queue; keeps an absurd page number from overflowing the database's OFFSET.
MAX_PAGE = 100_000
# The status tabs count up to this many; past it a tab says "1000+". A capped count reads at most this many
# entries of the status index, so the tabs cost the same at 100,000 rows as at 10 million.
COUNT_CAP = 1000

# The columns a queue row shows; the suggestion JSON, the largest column, is not among them.
QUEUE_COLUMNS = (
    "reference",
    "created_at",
    "full_name",
    "status",
    "suggested_treatments",
    "has_flags",
    "flag_labels",
    "assigned_to__username",
)

SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "name": ("full_name", "id"),
    "-name": ("-full_name", "-id"),
    "status": (status_rank(), "-created_at", "-id"),
    # The whole order turned round, as "-name" is "name"'s: the same index, read backwards.
    "-status": (status_rank().desc(), "created_at", "id"),
}


# How each sort is shown: the column it sorts (its aria-sort and arrow) and the table's caption.
SORTS_SHOWN = {
    "newest": ("submitted", "descending", _("Consultations, newest first")),
    "oldest": ("submitted", "ascending", _("Consultations, oldest first")),
    "name": ("patient", "ascending", _("Consultations by patient name, A to Z")),
    "-name": ("patient", "descending", _("Consultations by patient name, Z to A")),
    "status": ("status", "ascending", _("Consultations by status in the order of the work, new first")),
    "-status": (
        "status",
        "descending",
        _("Consultations by status from the end of the work, cancelled first, oldest first within each"),
    ),
}


def sort_used(sort: str, status: str = "") -> str:
    """The sort the queue applies: the one asked for, newest first for anything else. Within one status's tab, the
    sort by status is newest first, which reads that status's own index rather than the index of every status."""
    if sort not in SORTS or (sort in ("status", "-status") and status):
        return "newest"
    return sort


def sort_order(sort: str, status: str = "") -> tuple:
    """The ORDER BY of a sort the queue offers."""
    return SORTS[sort_used(sort, status)]


def reviewers():
    """Users who can review consultations: the people a consultation can be assigned to."""
    User = get_user_model()
    app_label, codename = REVIEW_PERMISSION.split(".")
    perm = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return User.objects.filter(perm | Q(is_superuser=True), is_active=True).distinct().order_by("username")


def reviewer_choices() -> list[tuple[str, str]]:
    """(user id as text, username) of every reviewer."""
    return [(str(pk), name) for pk, name in reviewers().values_list("pk", "username")]


class QueueFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("This date is before the “From” date: swap them, or clear one."))
        return cleaned


class QueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Consultation.Status.choices, label=_("Status"), empty_label=_("Any"))
    treatment = django_filters.ChoiceFilter(
        method="suggested", label=_("Suggested treatment"), choices=[], empty_label=_("Any")
    )
    area = django_filters.ChoiceFilter(method="reported_area", label=_("Area"), choices=[], empty_label=_("Any"))
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
    assigned_to = django_filters.ChoiceFilter(
        field_name="assigned_to_id", label=_("Assigned to"), choices=[], empty_label=_("Any")
    )

    class Meta:
        model = Consultation
        fields = []
        form = QueueFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["treatment"].extra["choices"] = list(Treatment.objects.values_list("slug", "name"))
        self.filters["area"].extra["choices"] = list(Area.objects.values_list("slug", "name"))
        # Plain choices, not a ModelChoiceFilter: that one counts and then iterates the users on every render.
        self.filters["assigned_to"].extra["choices"] = reviewer_choices()

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "helper"):
            form.helper = FormHelper()
            form.helper.form_tag = False
            form.helper.disable_csrf = True
            # The search box is rendered on its own, above these.
            names = [name for name in form.fields if name != "q"]
            form.helper.layout = Layout(
                Row(*(Column(name, css_class="col-sm-6 col-lg-3") for name in names), css_class="g-2 mt-1")
            )
        return form

    @property
    def narrowed(self) -> bool:
        """Whether a filter besides the search box was sent: the folded filters then show open, with any error."""
        return any(self.data.get(name) for name in self.filters if name != "q")

    @property
    def narrowed_besides_status(self) -> bool:
        """Whether anything but the status narrows the list: the tabs' counts, of the whole queue, then say so."""
        return any(self.data.get(name) for name in self.filters if name != "status")

    @property
    def treatment_names(self) -> dict[str, str]:
        return dict(self.filters["treatment"].extra["choices"])

    def search(self, queryset, name, value):
        return queryset.filter(search_condition(value, queryset.db))

    def suggested(self, queryset, name, value):
        return queryset.filter(suggested_treatments__contains=f",{value},")

    def reported_area(self, queryset, name, value):
        return queryset.filter(Exists(ReportedConcern.objects.filter(consultation=OuterRef("pk"), area__slug=value)))


REFERENCE_SHAPE = re.compile(r"^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$")
# Part of a reference, as read out on the phone: letters and digits, with a digit, in groups (spaces or dashes).
REFERENCE_PART_SHAPE = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[0-9A-Za-z]{2,4}([ -]?[0-9A-Za-z]{1,4}){0,2}$")
# Whole groups of a reference with no digit in them ("ASXU", "asxu rqxs"), in its letters (no I, L or O): a name
# too, perhaps ("Anna"), so both.
_REFERENCE_LETTERS = "".join(c for c in REFERENCE_ALPHABET if c.isalpha())
REFERENCE_LETTER_GROUPS_SHAPE = re.compile(
    rf"^[{_REFERENCE_LETTERS}]{{4}}([ -]?[{_REFERENCE_LETTERS}]{{4}}){{0,2}}$", re.IGNORECASE
)
PHONE_SHAPE = re.compile(r"^[0-9 +()-]+$")
PHONE_PUNCTUATION = (" ", "-", "(", ")", "+")
# A UK number typed with its country code (+44 7700 900123) is the same as its national form (07700 900123).
COUNTRY_CODE = "44"
# Matches the index in consultations/migrations/0012_search_name_apostrophes.py; the words come folded.
NAME_WORDS_MATCH = (
    'to_tsvector(\'simple\'::regconfig, clinic_name_words("consultations_consultation"."full_name"::text)) '
    "@@ to_tsquery('simple'::regconfig, %s)"
)


def search_condition(text: str, database: str = "default") -> Q:
    """What the staff search box matches, chosen by what was typed, so each kind uses its own index:

    a reference (ABCD-EFGH-JKMN) by its unique index; part of one as read out (with a digit, or whole groups of
    letters, which may be a name too) by its trigram index; anything with @ or a dot in an email (and a name, for
    "St. John"); digits, spaces and + ( ) - in a phone number; anything else in the patient's name, by its words,
    the last one as a prefix, so "mary ridg" finds Mary Ridgeton, and without accents or case, so "zoe" finds Zoë
    (consultations/name_folding.py). On PostgreSQL a name is matched by its full-text index (its cost does not grow
    with the table, unlike the trigram index's); elsewhere every word must appear.
    """
    text = text.strip()
    if not text:
        return Q()
    if REFERENCE_SHAPE.match(text):
        return Q(reference=text.upper())
    if REFERENCE_PART_SHAPE.match(text):
        return Q(reference__contains=reference_part(text)) | Q(full_name__icontains=text)
    if "@" in text or "." in text:
        return Q(email__icontains=text) | Q(full_name__icontains=text)
    if PHONE_SHAPE.match(text) and any(c.isdigit() for c in text):
        return phone_condition(text)
    if REFERENCE_LETTER_GROUPS_SHAPE.match(text):
        return Q(reference__contains=reference_part(text)) | name_condition(text, database)
    return name_condition(text, database)


def name_condition(text: str, database: str) -> Q:
    """The patient's name by its words, the last one as a prefix (see search_condition)."""
    # Folded first, then split: folding can make a non-letter ("½" is "1⁄2"), and only letters and digits may go
    # into the full-text query.
    words = re.findall(r"[^\W_]+", fold(text))
    if not words:
        return Q(full_name__icontains=text)
    if connections[database].vendor == "postgresql":
        query = " & ".join(words[:-1] + [words[-1] + ":*"])
        # Constant SQL; the words (letters and digits only) are a bound parameter.
        return Q(RawSQL(NAME_WORDS_MATCH, (query,), output_field=BooleanField()))  # noqa: S611  # nosec B611
    name = Func(F("full_name"), function=NAME_WORDS_FUNCTION, output_field=CharField())
    condition = Q()
    for word in words:
        condition &= Q(Contains(name, Value(word)))
    return condition


def reference_part(text: str) -> str:
    """ "zej7 qq2" -> "ZEJ7-QQ2": the groups of four as the reference writes them."""
    bare = re.sub(r"[ -]", "", text).upper()
    return "-".join(bare[i : i + 4] for i in range(0, len(bare), 4))


def phone_condition(text: str) -> Q:
    """The digits typed, found in the stored number's digits whatever spaces, dashes, brackets or + either has,
    and a UK number with or without its country code."""
    digits = re.sub(r"\D", "", text)
    stored = F("phone")
    for mark in PHONE_PUNCTUATION:
        stored = Replace(stored, Value(mark), Value(""))
    variants = {digits}
    if digits.startswith(COUNTRY_CODE) and len(digits) > len(COUNTRY_CODE) + 6:
        variants.add("0" + digits[len(COUNTRY_CODE) :])
    elif digits.startswith("0") and len(digits) > 6:
        variants.add(COUNTRY_CODE + digits[1:])
    condition = Q()
    for variant in sorted(variants):
        condition |= Q(Contains(stored, Value(variant)))
    return condition


@dataclass
class QueuePage:
    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def queue_page(queryset, *, sort: str, page: int, treatment_names: dict[str, str]) -> QueuePage:
    """One page of the queue, without counting the whole table: fetch one row more to know if there is a next.

    Each row gets what its cells show, worked out here rather than by template filters in each of the 25 rows
    (the date and time filters and `{% url %}` were half the rows' rendering):
    - `suggested_names`, the names (from `treatment_names`, slug -> name) of what it suggests;
    - `status_text`, its status's label (translated once a page, not once a row);
    - `submitted_day` ("2 Dec 2026", formatted once per day on the page) and `submitted_time` ("14:05"), in the
      clinic's time zone;
    - `detail_url`.
    """
    page = min(max(1, page), MAX_PAGE)
    status_texts = {value: str(label) for value, label in Consultation.Status.choices}
    ordered = queryset.select_related("assigned_to").only(*QUEUE_COLUMNS).order_by(*sort_order(sort))
    start = (page - 1) * PAGE_SIZE
    fetched = list(ordered[start : start + PAGE_SIZE + 1])
    rows = fetched[:PAGE_SIZE]
    days = {}
    for row in rows:
        row.suggested_names = [treatment_names.get(slug, slug) for slug in row.suggested_slugs]
        row.status_text = status_texts.get(row.status, row.status)
        submitted = timezone.localtime(row.created_at)
        day = submitted.date()
        if day not in days:
            days[day] = date_format(submitted, "j M Y")
        row.submitted_day = days[day]
        row.submitted_time = f"{submitted:%H:%M}"
        row.detail_url = reverse("staff:detail", args=[row.reference])
    return QueuePage(rows=rows, number=page, has_next=len(fetched) > PAGE_SIZE)


def query_without(params, *names: str) -> str:
    """`params` (a QueryDict) as a query string without `names`, followed by "&" when anything is left: the start
    of a link that sets one of them again."""
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


def status_counts() -> dict[str, int]:
    """How many consultations per status, each counted up to COUNT_CAP + 1 (shown as "1000+"): one query, each
    status's count reading at most that many entries of the status index."""
    parts, params = [], []
    for status in Consultation.Status.values:
        capped = Consultation.objects.filter(status=status).order_by().values("pk")[: COUNT_CAP + 1]
        sql, capped_params = capped.query.sql_with_params()
        # The ORM's own SQL, its LIMIT included; the statuses are bound parameters.
        parts.append(f"SELECT %s, COUNT(*) FROM ({sql}) AS capped")  # noqa: S608  # nosec B608
        params += [status, *capped_params]
    with connections[router.db_for_read(Consultation)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return dict(cursor.fetchall())
