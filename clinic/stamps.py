"""The cache stamps (catalogue, access), read together in one round trip and once per request.

A stamp is a random value in the shared cache that every cached entry of its kind carries in its key; renewing it
makes all of them stale at once. A staff page needs both stamps: reading them with one `get_many` instead of two
`get`s saves a round trip to Redis on every request, and request_memo keeps them for the rest of the request.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, transaction

from clinic.request_memo import forget, remembered

CATALOGUE = "treatments:catalogue-stamp"
ACCESS = "accounts:access-stamp"
KEYS = (CATALOGUE, ACCESS)
MEMO_KEY = "clinic:stamps"


def _read_all() -> dict[str, str]:
    found = cache.get_many(KEYS)
    for key in KEYS:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)  # another process may have made it first: theirs wins
            found[key] = cache.get(key)
    return found


def stamp(key: str) -> str:
    return remembered(MEMO_KEY, _read_all)[key]


def _forget(key: str) -> None:
    forget(MEMO_KEY)
    try:
        with transaction.atomic():  # a savepoint: a failure here must not spoil the caller's transaction
            cache.delete(key)
    except DatabaseError:
        # The first migrate sets up the roles before `createcachetable` has made the database cache's table;
        # with no table there is nothing cached to make stale.
        pass


def stamp_renew(key: str) -> None:
    """Now, and again when the transaction commits: a request that read the data just before the commit must not
    leave its copy under the new stamp."""
    _forget(key)
    transaction.on_commit(lambda: _forget(key))
