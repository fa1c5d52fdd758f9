"""Patients' names as the staff search compares them: without case or accents, so "zoe" finds Zoë and "Siobhán"
finds Siobhan, whichever way the name was typed at the desk, on the phone or by the patient.

The database does the folding, in `clinic_fold(text)`: on PostgreSQL a SQL function over the unaccent extension
(migration 0010, which indexes the folded name's words); on SQLite the Python function below, registered on each
new connection.
"""

import unicodedata

FOLD_FUNCTION = "clinic_fold"


def fold(text: str) -> str:
    """Lower case, without accents: "Zoë" -> "zoe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """On connection_created: SQLite has no unaccent; give each connection the Python fold."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
