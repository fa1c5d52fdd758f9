"""A pg_dump of the database restores into a fresh one with every row, consultation content and id sequence intact."""

import os
import secrets
import shutil
import subprocess
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations.models import Consultation
from tests.consultations.factories import make_consultation

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI"),
    # Committed data, so pg_dump (another session) sees it.
    pytest.mark.django_db(transaction=True),
]

TOOL_TIMEOUT_SECONDS = 120
MAIN_TABLES = [
    "consultations_consultation",
    "consultations_reportedconcern",
    "consultations_screeninganswer",
    "treatments_treatment",
    "treatments_indication",
    "audit_auditevent",
    "auth_user",
]


def connection_params(database: str) -> dict:
    params = connection.settings_dict
    return {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
        "dbname": database,
        "connect_timeout": 10,
    }


def run_tool(*args: str) -> None:
    """Run a PostgreSQL client tool against the test server; fail with its stderr if it fails."""
    params = connection.settings_dict
    tool = shutil.which(args[0])
    if tool is None:
        pytest.skip(f"{args[0]} is not installed")
    options = ["-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432), "-U", params["USER"]]
    env = {**os.environ, "PGPASSWORD": params["PASSWORD"] or ""}
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own client tools, arguments from the test settings
        [tool, *options, *args[1:]], env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT_SECONDS, check=False
    )
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"


@contextmanager
def restored_copy(dump_path):
    """Restore the dump into a new database and yield a connection to it; the database is dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored_{secrets.token_hex(4)}"
    try:
        run_tool("createdb", name)
        run_tool("pg_restore", "--no-owner", "--exit-on-error", "-d", name, str(dump_path))
        with psycopg.connect(**connection_params(name)) as restored:
            yield restored
    finally:
        with psycopg.connect(**connection_params("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def row_counts(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    return {
        table: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
        for table in tables
    }


def test_a_dump_restores_into_a_fresh_database_with_the_same_rows_and_content(catalogue, admin_user, tmp_path):
    made = [
        make_consultation(),
        make_consultation(full_name="Zoë Ødegård-Ńguyen", email="zoe@example.org", goals="Less “tired” look ✓"),
        make_consultation(**{"area-glabella": None, "area-underarms": ["sweating"], "screening-pregnant": "yes"}),
        make_consultation(full_name="Earl Lier", **{"earlier-botox": "on", "earlier-botox-months": "6"}),
    ]
    audit_record(actor=admin_user, action=AuditEvent.Action.VIEWED, reference=made[0].reference, ip="10.0.0.7")
    audit_record(actor=None, action=AuditEvent.Action.EXPORTED, detail="queue as CSV")

    with psycopg.connect(**connection_params(connection.settings_dict["NAME"])) as source:
        before = row_counts(source)
    for table in MAIN_TABLES:
        assert before[table] > 0, f"nothing in {table} to back up"

    dump = tmp_path / "clinic.dump"
    run_tool("pg_dump", "-Fc", "-f", str(dump), connection.settings_dict["NAME"])
    assert dump.stat().st_size > 0

    with restored_copy(dump) as restored:
        assert row_counts(restored) == before
        rows = restored.execute(
            "SELECT reference, full_name, email, submission_token, suggestion FROM consultations_consultation"
        ).fetchall()
        assert {row[0]: row[1:] for row in rows} == {
            c.reference: (c.full_name, c.email, c.submission_token, c.suggestion)
            for c in Consultation.objects.filter(pk__in=[m.pk for m in made])
        }
        # New rows in the restored copy must not collide with restored ids.
        highest = restored.execute("SELECT max(id) FROM consultations_consultation").fetchone()[0]
        following = restored.execute(
            "SELECT nextval(pg_get_serial_sequence('consultations_consultation', 'id'))"
        ).fetchone()[0]
        assert following > highest
