"""A full-text index on patients' names for the staff queue's search on PostgreSQL (SQLite needs none).

The trigram index from 0003 made a name search read posting lists that grow with the table: at 1,000,000
consultations "Mary Ridgeton" took 9 ms on the name index and 10 ms more on the email index. A name is searched by
its words instead (consultations/queue.py): this index answers "mary & ridgeton:*" in under a millisecond at any
size, since PostgreSQL's GIN skips through the common word's list using the rare one's.
"""

from django.db import migrations

# The same expression as the search in consultations/queue.py, so PostgreSQL uses the index.
NAME_WORDS = "to_tsvector('simple'::regconfig, full_name::text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS consultation_full_name_words ON consultations_consultation USING gin ({NAME_WORDS})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS consultation_full_name_words")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_search_trigram")]

    operations = [migrations.RunPython(create, drop)]
