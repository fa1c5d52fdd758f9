"""clinic/db_router.py: pages read and write the primary; the CSV export reads the replica when there is one."""

from types import SimpleNamespace

import pytest

from clinic.db_router import PrimaryReplicaRouter, reporting_database
from consultations.models import Consultation
from tests.consultations.people import make_staff, sign_in


def test_everything_reads_writes_and_migrates_on_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Consultation) == "default"
    assert router.db_for_write(Consultation) == "default"
    assert router.allow_migrate("default", "consultations") and not router.allow_migrate("replica", "consultations")


def test_reports_use_the_replica_only_when_one_is_configured(monkeypatch):
    assert reporting_database() == "default"
    with_replica = SimpleNamespace(DATABASES={"default": {}, "replica": {}})  # as DATABASE_REPLICA_URL makes it
    monkeypatch.setattr("clinic.db_router.settings", with_replica)
    assert reporting_database() == "replica"


@pytest.mark.django_db
def test_the_csv_export_asks_the_reporting_database(client, catalogue, monkeypatch):
    from staff import views as staff_views

    seen = []
    monkeypatch.setattr(staff_views, "reporting_database", lambda: "replica")
    monkeypatch.setattr(staff_views.exports, "csv_response", lambda queryset: seen.append(queryset.db) or _ok())
    sign_in(client, make_staff())
    client.get("/staff/export.csv")
    assert seen == ["replica"]


def _ok():
    from django.http import HttpResponse

    return HttpResponse("")
