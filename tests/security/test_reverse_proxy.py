"""The production front (deploy/nginx.conf): nginx buffers bodies, so slow clients cannot tie up gunicorn's sync
workers; it caps bodies, hides its banner and passes the client's address on. Served as `make serve` serves it."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.nginx_conf import nginx_conf_write

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port: int, path: str, timeout: float = 10):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer on {port}: {log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed (Debian package nginx): `make test` installs it")
    work = tmp_path_factory.mktemp("front")
    port, app_port = free_port(), free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "TRUSTED_PROXY_COUNT": "1",
    }
    for command in (["migrate", "--noinput"], ["createcachetable"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    app_log, nginx_log = work / "gunicorn.log", work / "nginx.log"
    with app_log.open("wb") as log:
        app = subprocess.Popen(  # noqa: S603 - gunicorn from our own virtualenv
            [
                sys.executable,
                "-m",
                "gunicorn",
                "clinic.wsgi",
                "--bind",
                f"{HOST}:{app_port}",
                "--workers",
                str(WORKERS),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    conf = nginx_conf_write(port, app_port, work / "nginx")
    with nginx_log.open("wb") as log:
        proxy = subprocess.Popen(  # noqa: S603 - Debian's nginx with our configuration
            [nginx, "-c", str(conf), "-p", str(work / "nginx"), "-e", str(work / "nginx" / "nginx-error.log")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(app_port, app, app_log)
        wait_for(port, proxy, nginx_log)
        yield port, app_port
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=20)


def slow_bodies(port: int, count: int) -> list[socket.socket]:
    """Clients that announce a form body and send a few bytes of it, then go quiet."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((HOST, port), timeout=5)
        sock.sendall(
            b"POST /consultation/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nfull_name=A"
        )
        sockets.append(sock)
    return sockets


def test_slow_clients_do_not_stop_the_site_behind_the_proxy(front):
    port, app_port = front
    stalled = slow_bodies(port, WORKERS * 3)
    try:
        started = time.monotonic()
        status, _headers, _body = get(port, "/healthz", timeout=5)
        assert status == 200 and time.monotonic() - started < 2
    finally:
        for sock in stalled:
            sock.close()


def test_without_the_proxy_the_same_slow_clients_would_stop_it(front):
    """Shows what the proxy is for: straight at gunicorn, the stalled bodies hold every sync worker."""
    _port, app_port = front
    stalled = slow_bodies(app_port, WORKERS)
    try:
        with pytest.raises(OSError):  # socket.timeout
            get(app_port, "/healthz", timeout=2)
    finally:
        for sock in stalled:
            sock.close()


def test_a_12_mb_upload_is_refused_at_the_door(front):
    port, _app_port = front
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.putrequest("POST", "/consultation/")
        conn.putheader("Content-Type", "multipart/form-data; boundary=b")
        conn.putheader("Content-Length", str(12 * 1024 * 1024))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_no_server_banner(front):
    port, _app_port = front
    status, headers, _body = get(port, "/")
    assert status == 200
    assert headers.get("Server") is None
