"""SQLite behind gunicorn with three workers: parallel submissions all save, none meet "database is locked"."""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.consultations.factories import intake_data
from treatments.catalogue_content import PRECAUTIONS

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="runs in the SQLite pass of CI")

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 60
COMMAND_TIMEOUT_SECONDS = 180
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SCREENING_QUESTIONS = len(PRECAUTIONS)  # one answer per screening question the seeded catalogue asks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def request(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT_SECONDS)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        conn.close()


class Server:
    """A gunicorn serving the app from a fresh SQLite file, as `make serve` does."""

    def __init__(self, workdir: Path):
        self.database = workdir / "db.sqlite3"
        self.log = workdir / "gunicorn.log"
        self.port = free_port()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "INTAKE_SUBMISSIONS_PER_HOUR": "1000",
            "DJANGO_LOG_LEVEL": "INFO",
        }
        self.process = None

    def manage(self, *args: str) -> None:
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed: {result.stdout}{result.stderr}"

    def start(self) -> None:
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.manage("load_catalogue")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - gunicorn from our own virtualenv
                [str(BIN / "gunicorn"), "clinic.wsgi", "--bind", f"{HOST}:{self.port}", "--workers", "3"]
                + ["--timeout", "60", "--graceful-timeout", "5", "--access-logfile", "-"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited: {self.log_text()}"
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS}s: {self.log_text()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def count(self, table: str) -> int:
        with sqlite3.connect(self.database, timeout=20) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("gunicorn"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def csrf_pair(server: Server) -> tuple[str, str]:
    """The CSRF cookie and a form token for it, as a browser gets them from the form page."""
    status, headers, html = request(server.port, "GET", "/consultation/")
    assert status == 200
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    return cookie.split(";", 1)[0], CSRF_FIELD.search(html).group(1)


def post_together(server: Server, forms: list[dict]) -> list:
    """POST each form from its own thread, all released at once; return each status and Location (or error)."""
    cookie, token = csrf_pair(server)
    barrier = threading.Barrier(len(forms), timeout=HTTP_TIMEOUT_SECONDS)
    outcomes: list = [None] * len(forms)

    def send(index: int) -> None:
        body = urllib.parse.urlencode({**forms[index], "csrfmiddlewaretoken": token}, doseq=True)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            barrier.wait()
            status, response_headers, _html = request(server.port, "POST", "/consultation/", body, headers)
            outcomes[index] = (status, response_headers.get("Location"))
        except Exception as error:  # reported by the test, not lost in the thread
            outcomes[index] = error

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HTTP_TIMEOUT_SECONDS + 5)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return outcomes


def assert_no_database_trouble_logged(server: Server) -> None:
    log = server.log_text()
    for sign in ("database is locked", "database table is locked", "Intake not saved", "Traceback"):
        assert sign not in log, log


def test_twenty_parallel_submissions_all_save_without_database_is_locked(server):
    before = server.count("consultations_consultation")
    forms = [intake_data(full_name=f"Parallel Patient {i}", submission_token=str(uuid.uuid4())) for i in range(20)]
    outcomes = post_together(server, forms)
    assert all(isinstance(o, tuple) and o[0] == 302 for o in outcomes), outcomes
    assert len({location for _status, location in outcomes}) == 20
    assert server.count("consultations_consultation") - before == 20
    assert server.count("consultations_screeninganswer") == SCREENING_QUESTIONS * (before + 20)
    assert_no_database_trouble_logged(server)


def test_ten_parallel_copies_of_one_submission_save_one_consultation(server):
    before = server.count("consultations_consultation")
    form = intake_data(full_name="Double Clicker", submission_token=str(uuid.uuid4()))
    outcomes = post_together(server, [form] * 10)
    assert all(isinstance(o, tuple) and o[0] == 302 for o in outcomes), outcomes
    assert len({location for _status, location in outcomes}) == 1
    assert server.count("consultations_consultation") - before == 1
    assert_no_database_trouble_logged(server)


def test_access_lines_carry_no_query_string_referrer_or_token(server):
    request(
        server.port,
        "GET",
        "/consultation/?q=ada%40example.com&phone=07700900123",
        headers={
            "Referer": f"http://{HOST}:{server.port}/staff/?q=grace%40example.com",
        },
    )
    request(server.port, "GET", "/me/claim/SECRETCLAIMTOKEN/")
    request(server.port, "GET", "/accounts/password/reset/key/1-SECRETRESETTOKEN/")
    request(server.port, "GET", "/accounts/confirm-email/SECRETCONFIRMTOKEN/")
    time.sleep(0.5)  # the access line is written after the response
    # The access lines only: the same log holds the console email backend's messages of earlier tests.
    access = "\n".join(line for line in server.log_text().splitlines() if ' HTTP/1.1" ' in line)
    assert '"GET /consultation/ HTTP/1.1" 200' in access
    for secret in ("example.com", "07700900123", "?q=", "SECRETCLAIMTOKEN", "SECRETRESETTOKEN", "SECRETCONFIRMTOKEN"):
        assert secret not in access
    assert '"GET /me/claim/[redacted] HTTP/1.1" 302' in access
