"""A real PostgreSQL outage: the health check and the intake answer 503, keep the answers, and a resend saves once."""

import http.client
import re
import urllib.parse
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from consultations.models import Consultation
from tests.consultations.factories import intake_data

# The app's connections are in the live server's request threads, which is what the outage must reach; the
# test's own connection dies too and is reopened after the restore.
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI"),
    pytest.mark.django_db(transaction=True),
]

HTTP_TIMEOUT_SECONDS = 30
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """A browser-like HTTP client for the live server: keeps cookies and never follows redirects."""

    def __init__(self, base_url: str):
        url = urllib.parse.urlsplit(base_url)
        self.host, self.port = url.hostname, url.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=HTTP_TIMEOUT_SECONDS)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.headers), response.read().decode()
        finally:
            conn.close()


@contextmanager
def admin_connection():
    """An autocommit connection to the `postgres` maintenance database, outside Django."""
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    ) as admin:
        yield admin


def allow_connections(admin, database: str, allowed: bool) -> None:
    admin.execute(
        sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS {}").format(
            sql.Identifier(database), sql.SQL("true" if allowed else "false")
        )
    )


@contextmanager
def database_outage():
    """Refuse new connections to the test database and end every open one; always lets them back in after."""
    database = connection.settings_dict["NAME"]
    with admin_connection() as admin:
        try:
            allow_connections(admin, database, False)
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
            yield
        finally:
            allow_connections(admin, database, True)
            connection.close()  # the test's own connection was terminated; the next query opens a fresh one


def test_an_outage_gives_503s_keeps_the_answers_and_a_resend_after_it_saves_once(live_server, catalogue, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1000
    visitor = Visitor(live_server.url)
    status, _headers, html = visitor.request("GET", "/consultation/")  # also caches the rules the form needs
    assert status == 200
    data = intake_data(full_name="Grace Outage Hopper", goals="Soften my frown")
    data["csrfmiddlewaretoken"] = CSRF_FIELD.search(html).group(1)

    with database_outage():
        health, _headers, _body = visitor.request("GET", "/healthz")
        status, _headers, html = visitor.request("POST", "/consultation/", data)
    assert health == 503
    assert status == 503
    assert "Not saved" in html
    assert 'value="Grace Outage Hopper"' in html
    assert "Soften my frown</textarea>" in html
    assert Consultation.objects.count() == 0

    assert visitor.request("GET", "/healthz")[0] == 200
    status, headers, _body = visitor.request("POST", "/consultation/", data)
    assert status == 302
    consultation = Consultation.objects.get()
    assert consultation.full_name == "Grace Outage Hopper"
    assert headers["Location"] == consultation.get_absolute_url()

    status, again, _body = visitor.request("POST", "/consultation/", data)
    assert status == 302
    assert again["Location"] == consultation.get_absolute_url()
    assert Consultation.objects.count() == 1
