"""Trigram indexes for the staff queue's search on PostgreSQL (SQLite has no such index and needs none)."""

from django.db import migrations

# Django turns `full_name__icontains` into UPPER("full_name"::text) LIKE UPPER('%...%') on PostgreSQL;
# a GIN trigram index on that same expression lets the search avoid reading every row.
COLUMNS = ["full_name", "email", "phone"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS consultation_{column}_trgm ON consultations_consultation "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS consultation_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_review")]

    operations = [migrations.RunPython(create, drop)]
