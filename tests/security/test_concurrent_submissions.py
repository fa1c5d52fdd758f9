"""One submission sent ten times at once, from parallel threads with their own connections, saves one consultation."""

import threading

import pytest
from django.db import connection
from django.test import Client

from consultations.models import Consultation, ReportedConcern, ScreeningAnswer
from tests.consultations.factories import PRECAUTION_SLUGS, intake_data

THREADS = 10
TIMEOUT_SECONDS = 60

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
# No SQLite variant here: the SQLite test database is a shared-cache in-memory one, whose table locks fail at once
# ("database table is locked") instead of waiting out the busy timeout as a real file does. The same race against
# a file database behind gunicorn is in test_sqlite_gunicorn.py.


def post_at_once(data: dict, threads: int = THREADS) -> list:
    """POST `data` from `threads` threads released together; return each thread's response or exception."""
    barrier = threading.Barrier(threads, timeout=TIMEOUT_SECONDS)
    outcomes: list = [None] * threads

    def send(index: int) -> None:
        try:
            client = Client()
            barrier.wait()
            outcomes[index] = client.post("/consultation/", data)
        except Exception as error:  # reported by the test, not lost in the thread
            outcomes[index] = error
        finally:
            connection.close()

    workers = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(TIMEOUT_SECONDS)
    assert not any(worker.is_alive() for worker in workers), "a request hung"
    return outcomes


def assert_saved_once(outcomes: list) -> None:
    statuses = [getattr(outcome, "status_code", outcome) for outcome in outcomes]
    assert statuses == [302] * len(outcomes), statuses
    consultation = Consultation.objects.get()
    assert {outcome["Location"] for outcome in outcomes} == {consultation.get_absolute_url()}
    assert ReportedConcern.objects.filter(consultation=consultation).count() == 2
    assert ScreeningAnswer.objects.filter(consultation=consultation).count() == len(PRECAUTION_SLUGS)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_copies_of_one_submission_save_one_consultation_on_postgresql(catalogue, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1000
    assert_saved_once(post_at_once(intake_data(full_name="Ada Concurrent")))
