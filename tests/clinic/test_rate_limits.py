"""Rate counts: one per limit, client and window, counted in one statement and kept until the window ends."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from clinic.models import RateCount
from clinic.rate_limits import attempt_allowed

HOUR = 3600
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")


@pytest.mark.django_db
def test_the_count_is_kept_until_its_window_ends():
    assert attempt_allowed("intake", "192.0.2.1", 1, HOUR, now=10 * HOUR + 60)
    count = RateCount.objects.get()
    assert count.count == 1
    assert count.expires_at == datetime.fromtimestamp(11 * HOUR, tz=UTC)
    assert not attempt_allowed("intake", "192.0.2.1", 1, HOUR, now=11 * HOUR - 1)


@pytest.mark.django_db
def test_limits_and_clients_are_counted_apart():
    assert attempt_allowed("intake", "192.0.2.1", 1, HOUR, now=10 * HOUR)
    assert attempt_allowed("intake", "192.0.2.2", 1, HOUR, now=10 * HOUR)
    assert attempt_allowed("intake-draft", "192.0.2.1", 1, HOUR, now=10 * HOUR)
    assert RateCount.objects.count() == 3


@pytest.mark.django_db
def test_a_first_attempt_deletes_the_counts_of_windows_that_ended_a_window_ago():
    attempt_allowed("intake", "192.0.2.1", 5, HOUR, now=10 * HOUR)
    attempt_allowed("intake", "192.0.2.2", 5, HOUR, now=10 * HOUR)
    attempt_allowed("intake", "192.0.2.1", 5, HOUR, now=11 * HOUR)
    assert RateCount.objects.count() == 3  # the last hour's, still within the margin
    attempt_allowed("intake", "192.0.2.3", 5, HOUR, now=12 * HOUR)
    ends = sorted(count.expires_at.timestamp() for count in RateCount.objects.all())
    assert ends == [12 * HOUR, 13 * HOUR]


@pytest.mark.django_db
def test_no_address_is_stored_and_any_address_fits():
    assert attempt_allowed("intake", "192.0.2.1", 5, HOUR)
    assert attempt_allowed("intake", "203.0.113.9, " * 100, 5, HOUR)
    keys = list(RateCount.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not any("192.0.2.1" in key or "203.0.113.9" in key for key in keys)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_attempts_that_arrive_together_are_each_counted():
    threads = 12
    barrier = threading.Barrier(threads, timeout=30)

    def attempt():
        try:
            barrier.wait()
            attempt_allowed("intake", "192.0.2.7", 100, HOUR, now=20 * HOUR)
        finally:
            connection.close()

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert RateCount.objects.get().count == threads
