"""Patients' names as the staff search compares them: without case or accents, so "zoe" finds Zoë and "Siobhán"
finds Siobhan, whichever way the name was typed at the desk, on the phone or by the patient.

The database folds the names, in `clinic_fold(text)`: on PostgreSQL a SQL function over the unaccent extension
(migration 0010, which indexes the folded name's words); on SQLite `fold` below, registered on each new connection.
The words typed are folded by `fold` on both, before the search is built from them.
"""

import unicodedata

FOLD_FUNCTION = "clinic_fold"
# Letters that carry their mark in themselves, so taking accents off leaves them as they are; unaccent, which folds
# the names on PostgreSQL, spells them so.
OWN_MARK_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower case, without accents: "Zoë" -> "zoe", "Łukasz" -> "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(OWN_MARK_LETTERS)


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """On connection_created: SQLite has no unaccent; give each connection the Python fold."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
