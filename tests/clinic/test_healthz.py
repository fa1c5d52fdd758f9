"""/healthz answers 200 when the database answers and 503 when it does not."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\ndatabase: ok\ncache: ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_when_the_cache_does_not_answer_but_stays_ok(client):
    with mock.patch.object(caches["public"], "get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\ndatabase: ok\ncache: unavailable\n"


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch("clinic.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
