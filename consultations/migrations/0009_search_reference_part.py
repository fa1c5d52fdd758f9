"""A trigram index on the reference for the staff queue's search of part of one on PostgreSQL (SQLite needs none).

A part read out on the phone ("ASXU", "qq2p 4k8m") can be any group of the reference, so it is matched with
LIKE '%...%', which without this index reads every row (22 ms at 100,000 consultations). The pg_trgm extension
comes from 0003.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS consultation_reference_trgm ON consultations_consultation "
        "USING gin ((reference::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS consultation_reference_trgm")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0008_email_blank_for_staff_taken")]

    operations = [migrations.RunPython(create, drop)]
