"""The queue's CSV export: the filtered rows, streamed, with spreadsheet formulas neutralised."""

import csv
import io

import pytest

from audit.models import AuditEvent
from consultations.exports import neutralise
from tests.consultations.factories import make_consultation
from tests.consultations.people import make_staff, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, catalogue):
    sign_in(client, make_staff())
    return client


def rows(response):
    # As a spreadsheet reads it: the byte-order mark says UTF-8 and is not part of the first heading.
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+441234", "'+441234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Ada", "Ada"),
        ("", ""),
        (None, ""),
        # a formula after a separator a spreadsheet may split on
        ("Ada;=1+1", "'Ada;=1+1"),
        ("Ada, =cmd|' /C calc'!A0", "'Ada, =cmd|' /C calc'!A0"),
        ("Ada|@SUM(A1)", "'Ada|@SUM(A1)"),
        ('Ada;"=1+1"', '\'Ada;"=1+1"'),
        ("Ada\n-2+3", "'Ada\n-2+3"),
        # ordinary text stays as it is
        ("Mary Smith-Jones", "Mary Smith-Jones"),
        ("2026-12-01T10:00+00:00", "2026-12-01T10:00+00:00"),
        ("ada@example.com", "ada@example.com"),
        # direction controls are shown, not obeyed
        ("Ada\u202eenoL", "Ada[U+202E]enoL"),
    ],
)
def test_every_cell_a_spreadsheet_could_evaluate_is_neutralised(value, expected):
    assert neutralise(value) == expected


def test_csv_starts_with_the_byte_order_mark_that_tells_excel_it_is_utf8(staff_client):
    make_consultation(full_name="Siobhán Ó Dónaill")
    body = b"".join(staff_client.get("/staff/export.csv").streaming_content)
    assert body.startswith(b"\xef\xbb\xbfReference,")
    assert "Siobhán Ó Dónaill".encode() in body


def test_csv_has_the_columns_and_one_row_per_consultation(staff_client):
    make_consultation(full_name="Ada Lovelace")
    make_consultation(full_name="Grace Hopper")
    response = staff_client.get("/staff/export.csv")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = rows(response)
    assert table[0] == [
        "Reference",
        "Submitted (local time)",
        "Status",
        "Full name",
        "Email",
        "Phone",
        "Preferred contact",
        "Suggested treatments",
        "Flags",
        "Assigned to",
    ]
    assert [row[3] for row in table[1:]] == ["Grace Hopper", "Ada Lovelace"]
    assert table[1][2] == "New" and table[1][6] == "Email"
    assert table[1][7] == "Botox, Dermal fillers"
    assert table[1][8] == "Blood-thinning medicine or a bleeding disorder"  # what the flag is about, as in the queue


def test_csv_times_are_the_clinics_local_time(staff_client, settings):
    from django.utils import timezone

    consultation = make_consultation()
    local = timezone.localtime(consultation.created_at).strftime("%Y-%m-%d %H:%M")
    assert rows(staff_client.get("/staff/export.csv"))[1][1] == local
    assert settings.TIME_ZONE == "Europe/London"


def test_csv_follows_the_queue_filters(staff_client):
    make_consultation(full_name="Ada Lovelace")
    make_consultation(full_name="Grace Hopper")
    table = rows(staff_client.get("/staff/export.csv", {"q": "Grace"}))
    assert [row[3] for row in table[1:]] == ["Grace Hopper"]


def test_csv_follows_the_queues_sort(staff_client):
    make_consultation(full_name="Grace Hopper")
    make_consultation(full_name="Ada Lovelace")
    names = [row[3] for row in rows(staff_client.get("/staff/export.csv"))[1:]]
    assert names == ["Ada Lovelace", "Grace Hopper"]  # newest first, as the queue opens
    names = [row[3] for row in rows(staff_client.get("/staff/export.csv", {"sort": "name"}))[1:]]
    assert names == ["Ada Lovelace", "Grace Hopper"]
    names = [row[3] for row in rows(staff_client.get("/staff/export.csv", {"sort": "-name"}))[1:]]
    assert names == ["Grace Hopper", "Ada Lovelace"]
    names = [row[3] for row in rows(staff_client.get("/staff/export.csv", {"sort": "oldest"}))[1:]]
    assert names == ["Grace Hopper", "Ada Lovelace"]


def test_csv_neutralises_a_formula_typed_as_a_name(staff_client):
    make_consultation(full_name="=cmd|' /C calc'!A0")
    table = rows(staff_client.get("/staff/export.csv"))
    assert table[1][3] == "'=cmd|' /C calc'!A0"


def test_csv_export_is_audited(staff_client):
    make_consultation()
    rows(staff_client.get("/staff/export.csv"))
    assert AuditEvent.objects.filter(action="exported", detail="queue as CSV").count() == 1
