"""clinic/request_memo.py: a value is read once per request, and every time outside one."""

import pytest
from django.core.signals import request_finished, request_started

from clinic.request_memo import forget, remembered


class Reader:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_outside_a_request_every_call_reads():
    read = Reader()
    assert [remembered("k", read), remembered("k", read)] == [1, 2]


@pytest.mark.django_db  # request_started also checks the database connection
def test_inside_a_request_the_first_value_is_kept_until_it_ends():
    read = Reader()
    request_started.send(sender=None)
    try:
        assert [remembered("k", read), remembered("k", read)] == [1, 1]
        forget("k")
        assert remembered("k", read) == 2
    finally:
        request_finished.send(sender=None)
    assert remembered("k", read) == 3
