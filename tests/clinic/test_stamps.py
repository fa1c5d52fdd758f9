"""clinic/stamps.py: both stamps in one round trip, the same for a whole request, new after a renewal."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from clinic.stamps import ACCESS, CATALOGUE, stamp, stamp_renew


def test_a_stamp_is_made_once_and_kept():
    first = stamp(CATALOGUE)
    assert first and stamp(CATALOGUE) == first and stamp(ACCESS) not in {"", first}


@pytest.mark.django_db  # a renewal deletes inside a savepoint
def test_renewing_gives_a_new_stamp_and_leaves_the_other_alone():
    catalogue, access = stamp(CATALOGUE), stamp(ACCESS)
    stamp_renew(CATALOGUE)
    assert stamp(CATALOGUE) != catalogue and stamp(ACCESS) == access


@pytest.mark.django_db  # request_started also checks the database connection
def test_inside_a_request_both_stamps_cost_one_round_trip(monkeypatch):
    stamp(CATALOGUE)  # both exist now
    calls = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: calls.append(keys) or real(keys, **kw))
    request_started.send(sender=None)
    try:
        stamp(CATALOGUE), stamp(ACCESS), stamp(CATALOGUE)
    finally:
        request_finished.send(sender=None)
    assert len(calls) == 1 and set(calls[0]) == {CATALOGUE, ACCESS}
