"""The staff search finds a name without its accents or case ("zoe" finds Zoë): on PostgreSQL, `clinic_fold` over
the unaccent extension, and the name-words index of 0004 rebuilt on the folded name (SQLite folds in Python, see
consultations/name_folding.py).

unaccent is a trusted extension: the database's owner may create it. The function names the dictionary, which
makes it immutable, as an index expression must be.
"""

from django.db import migrations

FOLDED_NAME_WORDS = "to_tsvector('simple'::regconfig, clinic_fold(full_name::text))"
NAME_WORDS = "to_tsvector('simple'::regconfig, full_name::text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Wherever it is installed (a host may keep extensions in a schema of their own).
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    unaccent = f"{schema_editor.quote_name(schema)}.unaccent"
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION clinic_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $$ SELECT lower({unaccent}('{unaccent}'::regdictionary, $1)) $$"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS consultation_folded_name_words ON consultations_consultation "
        f"USING gin ({FOLDED_NAME_WORDS})"
    )
    schema_editor.execute("DROP INDEX IF EXISTS consultation_full_name_words")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS consultation_full_name_words ON consultations_consultation USING gin ({NAME_WORDS})"
    )
    schema_editor.execute("DROP INDEX IF EXISTS consultation_folded_name_words")
    schema_editor.execute("DROP FUNCTION IF EXISTS clinic_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0009_search_reference_part")]

    operations = [migrations.RunPython(create, drop)]
