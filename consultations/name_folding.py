"""Patients' names as the staff search compares them: without case or accents, so "zoe" finds Zoë and "Siobhán"
finds Siobhan, and with or without an apostrophe, so "oneill" finds O'Neill as "o'neill" and "neill" do, whichever
way the name was typed at the desk, on the phone or by the patient.

The database folds the names, in `clinic_fold(text)`: on PostgreSQL a SQL function over the unaccent extension
(migration 0010); on SQLite `fold` below, registered on each new connection. `clinic_name_words(text)` is what the
search reads: the folded name, then again without its apostrophes (migration 0012, which indexes its words; on
SQLite `name_words` below). The words typed are folded by `fold` on both, before the search is built from them.
"""

import unicodedata

FOLD_FUNCTION = "clinic_fold"
NAME_WORDS_FUNCTION = "clinic_name_words"
# Straight, curly and modifier apostrophes, and marks typed for one: "O'Neill", "O’Neill", "Oʻneill", "O`Neill".
# Written the same in migration 0012.
APOSTROPHES = "'’ʼ‘ʻʽ‛′`"
# Letters that carry their mark in themselves, so taking accents off leaves them as they are; unaccent, which folds
# the names on PostgreSQL, spells them so.
OWN_MARK_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower case, without accents: "Zoë" -> "zoe", "Łukasz" -> "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(OWN_MARK_LETTERS)


def name_words(name: str) -> str:
    """The name as the search reads it: "Siobhán O'Neill" -> "siobhan o'neill siobhan oneill"."""
    folded = fold(name)
    return f"{folded} {folded.translate({ord(mark): None for mark in APOSTROPHES})}"


def sqlite_fold_register(sender, connection, **kwargs) -> None:
    """On connection_created: SQLite has no unaccent; give each connection the Python fold and name words."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        connection.connection.create_function(NAME_WORDS_FUNCTION, 1, name_words, deterministic=True)
