"""Load test: locust against gunicorn and PostgreSQL, on loopback only. Run with `make loadtest`.

It creates a fresh PostgreSQL database, `clinic_loadtest` (dropped and made anew on every run, so the app's own
data is never touched), migrates it, loads the catalogue, collects the static files and adds one staff user; starts
gunicorn on 127.0.0.1 with production settings (DEBUG off, a random secret key, manifest static storage; only the
HTTPS redirect and secure cookies are off, since gunicorn serves plain HTTP here); then runs bench/locustfile.py
headless, bounded in time, users and requests. It prints requests, failures and p50/p95/p99 per endpoint, and the
consultations stored in the database against the successful submissions. It exits non-zero if any request failed
or the two counts differ.

Profiles (LOADTEST_PROFILE): `short` (the default, for CI: 20 users for 30 s) and `long` (100 users for 10 min).
Any figure can be set on its own: LOADTEST_USERS, LOADTEST_SPAWN_RATE, LOADTEST_DURATION (seconds),
LOADTEST_MAX_REQUESTS, LOADTEST_WORKERS (gunicorn workers), LOADTEST_PORT (a free port by default).
The databases: LOADTEST_ADMIN_DATABASE_URL (to create the database) and LOADTEST_DATABASE_URL.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import seed  # bench/seed.py, next to this file: the app environment every bench run shares

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"

PROFILES = {
    "short": {"users": 20, "spawn_rate": 5, "duration": 30, "max_requests": 20_000},
    "long": {"users": 100, "spawn_rate": 10, "duration": 600, "max_requests": 500_000},
}
ADMIN_URL = os.environ.get("LOADTEST_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_loadtest")
STAFF_USERNAME = "loadtest-staff"
STOP_TIMEOUT = 30  # seconds users get to finish their current task once the run is over
# One staff account per simulated user (a TOTP code is accepted once), all with one password hash and the bench's
# TOTP secret: loadtest-staff-0, loadtest-staff-1, ...
CREATE_STAFF = """
import os, sys
sys.path.insert(0, "bench")
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from totp import second_factor_enrol
User = get_user_model()
staff = Group.objects.get(name="Staff")
first = None
for number in range(int(os.environ["LOADTEST_STAFF_ACCOUNTS"])):
    name = os.environ["LOADTEST_STAFF_USERNAME"] + f"-{number}"
    user = User(username=name, email=f"{name}@clinic.example")
    if first is None:
        user.set_password(os.environ["LOADTEST_STAFF_PASSWORD"])
        first = user
    else:
        user.password = first.password
    user.save()
    user.groups.add(staff)
    second_factor_enrol(user)
"""


def settings_from_env() -> dict:
    profile_name = os.environ.get("LOADTEST_PROFILE", "short")
    if profile_name not in PROFILES:
        sys.exit(f"LOADTEST_PROFILE must be one of {', '.join(PROFILES)}, not {profile_name!r}")
    profile = dict(PROFILES[profile_name], profile=profile_name)
    for key in ("users", "spawn_rate", "duration", "max_requests"):
        raw = os.environ.get(f"LOADTEST_{key.upper()}", "").strip()
        if raw:
            profile[key] = int(raw)
    profile["workers"] = int(os.environ.get("LOADTEST_WORKERS", "4"))
    profile["port"] = int(os.environ.get("LOADTEST_PORT", "0")) or free_port()
    return profile


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def database_create() -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(libpq(ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def consultations_stored() -> int:
    with psycopg.connect(libpq(DATABASE_URL)) as conn:
        return conn.execute("SELECT count(*) FROM consultations_consultation").fetchone()[0]


def app_env(port: int, staff_password: str) -> dict:
    env = os.environ.copy()
    env.update(
        seed.app_environment(
            DATABASE_URL,
            os.environ.get("LOADTEST_REDIS_URL", ""),
            INTAKE_SUBMISSIONS_PER_HOUR="100000000",
            STAFF_NOTIFICATION_EMAILS="reception@clinic.example",
            SITE_URL=f"http://{HOST}:{port}",
            LOADTEST_STAFF_USERNAME=STAFF_USERNAME,
            LOADTEST_STAFF_PASSWORD=staff_password,
            LOADTEST_STAFF_ACCOUNTS=str(max(profile["users"] for profile in PROFILES.values())),
        )
    )
    return env


def prepare(env: dict) -> None:
    manage = [sys.executable, "manage.py"]
    steps = [
        ["migrate", "--noinput", "--verbosity", "0"],
        ["createcachetable", "--verbosity", "0"],
        ["load_catalogue", "--verbosity", "0"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["shell", "--verbosity", "0", "-c", CREATE_STAFF],
    ]
    for step in steps:
        started = time.perf_counter()
        subprocess.run([*manage, *step], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own interpreter
        print(f"  manage.py {step[0]}: {time.perf_counter() - started:.1f} s", flush=True)


def gunicorn_start(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "clinic.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    helptext = subprocess.run([*command[:3], "--help"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    if "--no-control-socket" in helptext:
        # gunicorn >= 25 opens a control socket at one path per user: keep off any other gunicorn on this machine.
        command.append("--no-control-socket")
    with log.open("w") as handle:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)  # noqa: S603


def wait_healthy(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def locust_run(settings: dict, env: dict, work: Path) -> tuple[dict, int]:
    summary = work / "summary.json"
    env = dict(env, LOADTEST_MAX_REQUESTS=str(settings["max_requests"]), LOADTEST_SUMMARY=str(summary))
    command = [
        # Locust lives in its own venv (make loadtest): its brotli would make the app's collectstatic ten times slower.
        os.environ.get("LOCUST_PYTHON", sys.executable),
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(settings["users"]),
        "--spawn-rate",
        str(settings["spawn_rate"]),
        "--run-time",
        f"{settings['duration']}s",
        "--stop-timeout",
        str(STOP_TIMEOUT),
        "--host",
        f"http://{HOST}:{settings['port']}",
        "--csv",
        str(work / "stats"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with (work / "locust.log").open("w") as log:
        finished = subprocess.run(  # noqa: S603 - our own interpreter
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=settings["duration"] + STOP_TIMEOUT + 120,
            check=False,
        )
    if not summary.exists():
        raise RuntimeError(f"locust wrote no summary (exit code {finished.returncode}); see {work / 'locust.log'}")
    return json.loads(summary.read_text()), finished.returncode


def tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def report(summary: dict, stored: int, settings: dict, seconds: float) -> bool:
    print("\n| endpoint | requests | failures | p50 ms | p95 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for e in summary["entries"]:
        print(
            f"| {e['method']} {e['name']} | {e['requests']:,} | {e['failures']:,} | "
            f"{e['p50_ms']:.0f} | {e['p95_ms']:.0f} | {e['p99_ms']:.0f} |"
        )
    total = summary["total"]
    print(
        f"| **all** | **{total['requests']:,}** | **{total['failures']:,}** | "
        f"{total['p50_ms']:.0f} | {total['p95_ms']:.0f} | {total['p99_ms']:.0f} |"
    )
    submitted = summary["submissions_ok"]
    ok = total["failures"] == 0 and not summary["exceptions"] and stored == submitted
    print(f"\nRows stored: {stored:,} consultations in PostgreSQL; successful submissions: {submitted:,}")
    print(
        f"Profile {settings['profile']}: {settings['users']} users (spawn {settings['spawn_rate']}/s), "
        f"{settings['duration']} s, at most {settings['max_requests']:,} requests"
        f"{' (cap reached)' if summary['stopped_by_cap'] else ''}; gunicorn {settings['workers']} workers; "
        f"{total['rps']:.1f} requests/s; {summary['staff_logins']} staff logins; whole run {seconds:.0f} s"
    )
    for error in summary["errors"]:
        print(f"FAILURE x{error['occurrences']}: {error['method']} {error['name']}: {error['error']}")
    for exception in summary["exceptions"]:
        print(f"EXCEPTION in the locustfile x{exception['count']}: {exception['traceback']}")
    if stored != submitted:
        print(f"MISMATCH: {stored:,} rows stored but {submitted:,} submissions succeeded")
    print("PASS" if ok else "FAIL")
    return ok


def main() -> int:
    settings = settings_from_env()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="clinic-loadtest-"))
    env = app_env(settings["port"], secrets.token_urlsafe(24))
    print(f"Preparing database {DATABASE_URL.rsplit('/', 1)[1]}", flush=True)
    database_create()
    prepare(env)
    gunicorn_log = work / "gunicorn.log"
    server = gunicorn_start(env, settings["port"], settings["workers"], gunicorn_log)
    ok = False
    try:
        wait_healthy(server, settings["port"])
        before = consultations_stored()
        print(
            f"Running locust: {settings['users']} users for {settings['duration']} s against "
            f"http://{HOST}:{settings['port']} (profile {settings['profile']})",
            flush=True,
        )
        summary, _code = locust_run(settings, env, work)
        stored = consultations_stored() - before
        ok = report(summary, stored, settings, time.perf_counter() - started)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "loadtest.json").write_text(
            json.dumps({"settings": settings, "rows_stored": stored, **summary}, indent=2)
        )
    finally:
        seed.gunicorn_stop(server, wait_seconds=20)
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\nLast lines of gunicorn's log ({gunicorn_log}):\n{tail(gunicorn_log)}")
            print(f"\nLast lines of locust's log ({work / 'locust.log'}):\n{tail(work / 'locust.log', 30)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
