"""HTTP benchmark against the real limit: a bare Django view, served and loaded exactly as the app. `make bench`.

One run:
  1. makes a fresh PostgreSQL database, `clinic_bench` (dropped and made anew every run: nothing else is touched),
     migrates it, loads the catalogue, collects the static files, adds eight staff and one superuser, then seeds
     BENCH_ROWS consultations (100,000 by default) with COPY (bench/seed.py);
  2. starts three gunicorns with the same command and BENCH_WORKERS workers (2 per core by default), on ports
     BENCH_PORT (8700), +1 and +2:
       - the app (clinic.wsgi with production settings, DEBUG off, a random secret key,
         whitenoise, Redis as the cache; plain HTTP on loopback, so no HTTPS redirect or secure cookies),
       - bare_django: bench/bare/, a project with one view returning "ok", no middleware, no apps, no database,
       - django_stack: the same view behind the MIDDLEWARE `django-admin startproject` generates;
  3. counts the SQL queries per request in-process (Django's test client, same database and settings, after a
     warm-up request), since wrk cannot see them;
  4. loads everything with wrk, BENCH_THREADS (2) threads and BENCH_CONNECTIONS (16) connections: each endpoint for
     BENCH_SECONDS (10) after a BENCH_WARMUP_SECONDS (2) warm-up, with the bare view for BENCH_BASELINE_SECONDS (5)
     before the first and after every one. An endpoint's `ratio` is its requests/s divided by the mean of the bare
     runs just before and just after it, so a change in the machine's load during the run cancels out;
     baselines.bare_django.rps is the mean of all bare runs. django_stack is measured first and last. A Lua
     `done` hook prints p50/p95/p99 (latency:percentile) and checks every response's status (an intake POST
     must answer 302, each with a new submission token). Staff pages use a session from a real sign-in at
     /accounts/login/ with its TOTP code; the admin changelist of consultations (the peer: what a clinic would
     otherwise use as a queue) a superuser's, signed in the same way;
  5. runs Lighthouse 12.2.3 (bench/.lighthouse, installed by `make bench`; Debian's Chromium, mobile, performance
     and accessibility) on home, a treatment, compare, the intake and a result page (with the session of the
     browser that submitted it), BENCH_LIGHTHOUSE_RUNS times each (3; the run with the median performance score
     is kept; a failed run is tried again; 0 skips Lighthouse);
  6. streams the CSV export of every row once through gunicorn, and once in a child process for its peak memory.

It prints the tables, writes bench/results/latest.json and latest-<rows>.json, and puts the tables into
bench/README.md between the markers for this row count when it has them (BENCH_README=0: never). With
BENCH_COMPARE=bench/results/latest-100000.json it compares the staff pages with that run (at 1,000,000 rows they
must keep 80% of the requests/s with the same queries). It warns when the app's files change during the run.

Environment: BENCH_ROWS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_BASELINE_SECONDS, BENCH_WORKERS, BENCH_THREADS,
BENCH_CONNECTIONS, BENCH_PORT, BENCH_LIGHTHOUSE_RUNS, BENCH_COMPARE, BENCH_README, BENCH_STRICT (exit 1 when a
target fails), BENCH_REDIS_URL, BENCH_DATABASE_URL, BENCH_ADMIN_DATABASE_URL, CHROMIUM_PATH. Exits non-zero when a
request answered an unexpected status.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
README = BENCH / "README.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import seed  # noqa: E402 - bench/seed.py, next to this file
from totp import totp_code  # noqa: E402 - bench/totp.py

HOST = "127.0.0.1"
ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP_SECONDS", "2"))
BASELINE_SECONDS = int(os.environ.get("BENCH_BASELINE_SECONDS", "5"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "0")) or 2 * (os.cpu_count() or 1)
PORT = int(os.environ.get("BENCH_PORT", "8700"))
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))
LIGHTHOUSE = BENCH / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)

# The three servers, one gunicorn command: (WSGI application, DJANGO_SETTINGS_MODULE or None for the app's).
SERVERS = {
    "app": ("clinic.wsgi:application", None),
    "bare_django": ("bench.bare.wsgi:application", "bench.bare.settings"),
    "django_stack": ("bench.bare.wsgi:application", "bench.bare.settings_stack"),
}
ENDPOINTS = (
    "home",
    "treatment",
    "compare",
    "intake_get",
    "intake_post",
    "staff_queue",
    "staff_filtered",
    "staff_search",
    "staff_detail",
    "admin_changelist",
)
STAFF_ENDPOINTS = ("staff_queue", "staff_filtered", "staff_search", "staff_detail")
# Targets at 100,000 rows: requests/s as a fraction of the bare view's in the same run, and p95 in ms.
RATIO_TARGETS = {
    "home": 0.25,
    "treatment": 0.25,
    "compare": 0.25,
    "intake_get": 0.20,
    "staff_queue": 0.05,
    "staff_filtered": 0.05,
    "staff_search": 0.05,
    "staff_detail": 0.04,
}
P95_TARGETS_MS = {"staff_queue": 75, "staff_filtered": 75, "staff_search": 75, "staff_detail": 100, "intake_post": 150}
QUEUE_OVER_ADMIN = 3  # the staff queue's requests/s against the admin changelist's
KEEP_AT_SCALE = 0.8  # at 1,000,000 rows, of the 100,000-row requests/s (staff pages)
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100}
TRANSFER_TARGET_KB = 150  # the intake page and everything it loads, as served (Lighthouse's total-byte-weight)
CSV_TARGET_MB = 150

APP_ENV = seed.app_environment(seed.BENCH_URL, seed.REDIS_URL)
os.environ.update(APP_ENV)

# Every response's status is checked; the done hook prints the figures read from wrk's own statistics.
LUA_CHECK = """
expected = 200
bad = 0
statuses = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1]) or 200
  nonce = args[2] or "00000000"
  sent = 0
end

function response(status, headers, body)
  if status ~= expected then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("bad") or 0)
    local seen = thread:get("statuses")
    for status, n in pairs(seen or {}) do
      io.write(string.format("STATUS %d %d\\n", status, n))
    end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%.1f p95_us=%.1f p99_us=%.1f unexpected=%d socket_errors=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    total, e.connect + e.read + e.write + e.timeout
  ))
end
"""
LUA_POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local body = [==[%s]==]

function request()
  sent = sent + 1
  -- A UUID unique per run, thread and request: nonce-thread-4xxx-8xxx-counter.
  local token = string.format(
    "%%s-%%04x-4%%03x-8%%03x-%%012x", nonce, id, math.random(0, 4095), math.random(0, 4095), sent
  )
  return wrk.format(nil, nil, nil, body .. token)
end
"""


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def source_files() -> dict[str, tuple[float, int]]:
    """The app's code, templates and static files with their modification times, to notice edits during a run."""
    skip = {".venv", ".venv-load", "staticfiles", "bench", "tests", "test-artifacts", ".git", "node_modules"}
    found = {}
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [d for d in subdirectories if d not in skip and not d.startswith(".")]
        for name in files:
            if name.endswith((".py", ".html", ".txt", ".js", ".css", ".svg")):
                path = Path(directory, name)
                stat = path.stat()
                found[str(path.relative_to(ROOT))] = (stat.st_mtime, stat.st_size)
    return found


def commit() -> str:
    """The commit measured (BENCH_COMMIT when the tree is not a git checkout), marked when the app's files differ."""

    def git(*args):
        return subprocess.run(  # noqa: S603 - git on our own tree
            [shutil.which("git") or "git", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,  # noqa: S607
        )

    head = git("rev-parse", "--short", "HEAD")
    if head.returncode != 0:
        return os.environ.get("BENCH_COMMIT", "unknown")
    dirty = git("status", "--porcelain", "--", ".", ":!bench", ":!tests", ":!README.md", ":!Makefile").stdout.strip()
    return head.stdout.strip() + (" with uncommitted changes to the app" if dirty else "")


# Setting up ------------------------------------------------------------------------------------------------------


def setup_database() -> dict:
    import django
    from django.core.management import call_command

    print(f"Preparing database {seed.database_name()} ({ROWS:,} consultations)", flush=True)
    seed.database_create()
    django.setup()
    started = time.perf_counter()
    seed.prepare()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"  migrate, catalogue, collectstatic: {time.perf_counter() - started:.1f} s", flush=True)
    staff_ids = seed.staff_create()
    seed.admin_create()
    seeding = seed.seed(ROWS, staff_ids=staff_ids)
    print(
        f"  seeded {ROWS:,} consultations in {seeding['seconds']:.1f} s ({seeding['rows_per_second']:,.0f} rows/s; "
        f"COPY {seeding['load_seconds']:.1f} s, VACUUM ANALYZE {seeding['vacuum_analyze_seconds']:.1f} s; "
        f"{seeding['distinct_suggestions']:,} distinct suggestions); rows: {seeding['table_rows']}",
        flush=True,
    )
    return seeding


def redis_flush() -> None:
    """The bench's own Redis database: no rules, counts or rate limits left from an earlier run."""
    import redis

    redis.Redis.from_url(seed.REDIS_URL).flushdb()


# gunicorn ----------------------------------------------------------------------------------------------------------


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) != 0


def gunicorn_start(server: str, port: int, log: Path) -> subprocess.Popen:
    """The one gunicorn command every server runs; only the WSGI application (and its settings) differ."""
    application, settings = SERVERS[server]
    command = [sys.executable, "-m", "gunicorn", application, "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(WORKERS), "--no-control-socket", "--error-logfile", str(log)]
    # As `make serve`: long enough for the CSV export of every row to stream to the end.
    command += ["--timeout", os.environ.get("GUNICORN_TIMEOUT", "300")]
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=settings or APP_ENV["DJANGO_SETTINGS_MODULE"])
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # noqa: S603


def request(port, method, path, *, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def wait_ready(server: subprocess.Popen, port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with code {server.returncode} before answering")
        try:
            if request(port, "GET", path, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn on port {port} did not answer {path} within {timeout:.0f} s")


def cookies_from(headers) -> dict:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    return found


def form_token(html: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no csrfmiddlewaretoken in the form")
    return match.group(1).decode()


def form_post(port: int, path: str, fields: dict, cookies: dict) -> tuple[int, dict, dict]:
    """GET a form, POST it with its CSRF token and the given fields; returns (status, headers, cookies so far)."""
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    status, headers, html = request(port, "GET", path, headers={"Cookie": cookie} if cookie else None)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    cookies = {**cookies, **cookies_from(headers)}
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": form_token(html)})
    status, headers, _ = request(
        port,
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    return status, dict(headers), {**cookies, **cookies_from(headers)}


def login(port: int, username: str, password: str) -> str:
    """Sign in through the site's login form and its second step, the TOTP code, as a person would; returns the
    Cookie header for later requests (the admin's own login page hands over to this one)."""
    status, headers, cookies = form_post(port, "/accounts/login/", {"login": username, "password": password}, {})
    if status != 302 or headers.get("Location") != "/accounts/2fa/authenticate/":
        raise RuntimeError(f"login of {username} failed: {status} {headers.get('Location')}")
    status, headers, cookies = form_post(port, "/accounts/2fa/authenticate/", {"code": totp_code()}, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"the code for {username} was refused: {status} {headers.get('Location')}")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def intake_fields(rules) -> dict:
    """A valid intake, as the form's fields: two concerns the engine has suggestions for, all screening 'no'."""
    pairs = sorted(rules.sensible_pairs())[:2]
    data = {
        "full_name": "Bench Patient",
        "email": "bench.patient@example.com",
        "phone": "07700 900123",
        "date_of_birth": "1984-04-23",
        "contact_method": "email",
        "goals": "Look less tired.",
        "consent": "on",
        "website": "",
    }
    for area, concern in pairs:
        data.setdefault(f"area-{area}", []).append(concern)
        data[f"severity-{area}"] = "moderate"
    for precaution in rules.precautions:
        data[f"screening-{precaution.slug}"] = "no"
    return data


def intake_post_prepare(port: int, rules) -> tuple[str, str, str, str]:
    """(Cookie header, urlencoded body ending in 'submission_token=', the result page's path, the Cookie header of
    the browser that sent it, which the result page may require), checked with one real POST."""
    status, headers, html = request(port, "GET", "/consultation/")
    if status != 200:
        raise RuntimeError(f"GET /consultation/ answered {status}")
    csrf = cookies_from(headers)["csrftoken"]
    fields = dict(intake_fields(rules), csrfmiddlewaretoken=form_token(html))
    body = urllib.parse.urlencode(fields, doseq=True) + "&submission_token="
    cookie = f"csrftoken={csrf}"
    status, headers, _ = request(
        port,
        "POST",
        "/consultation/",
        body=body + str(uuid.uuid4()),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    if status != 302 or not re.search(r"/consultation/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/$", location):
        raise RuntimeError(f"intake POST answered {status} {location!r}, not a redirect to the result")
    sender = dict({"csrftoken": csrf}, **cookies_from(headers))
    return cookie, body, urllib.parse.urlsplit(location).path, "; ".join(f"{k}={v}" for k, v in sender.items())


# wrk -----------------------------------------------------------------------------------------------------------------


def parse_wrk(output: str) -> dict:
    found = re.search(r"^RESULT (.*)$", output, re.M)
    if not found:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    values = {key: float(value) for key, value in (pair.split("=") for pair in found.group(1).split())}
    return {
        "rps": values["requests"] / (values["duration_us"] / 1e6),
        "p50_ms": values["p50_us"] / 1000,
        "p95_ms": values["p95_us"] / 1000,
        "p99_ms": values["p99_us"] / 1000,
        "requests": int(values["requests"]),
        "unexpected_status": int(values["unexpected"]),
        "socket_errors": int(values["socket_errors"]),
        "statuses": {m.group(1): int(m.group(2)) for m in re.finditer(r"STATUS (\d+) (\d+)", output)},
    }


def wrk(port: int, path: str, *, seconds: int, script: Path, expected: int, cookie: str = "") -> dict:
    command = ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += [f"http://{HOST}:{port}{path}", "--", str(expected), secrets.token_hex(4)]
    finished = subprocess.run(  # noqa: S603 - wrk against our own servers on loopback
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr}\n{finished.stdout}")
    return parse_wrk(finished.stdout)


def settle(port: int, path: str, timeout: float = 20) -> None:
    """Wait for the requests wrk left queued in gunicorn's backlog to finish, so they do not slow the next run."""
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        request(port, "GET", path, timeout=timeout)
        quick = quick + 1 if time.perf_counter() - started < 0.02 else 0
        time.sleep(0.1)


def load(name: str, target: dict, *, seconds: int = SECONDS, warmup: bool = True) -> dict:
    """A warm-up, then the measured run; the load average is read just before it."""
    port, path, probe = target["port"], target["path"], target["probe"]
    options = {"script": target["script"], "expected": target["expected"], "cookie": target.get("cookie", "")}
    if warmup:
        wrk(port, path, seconds=WARMUP, **options)
        settle(port, probe)
    before = loadavg()
    result = wrk(port, path, seconds=seconds, **options)
    settle(port, probe)
    result["path"] = path
    result["loadavg_before"] = before
    errors = result["unexpected_status"] + result["socket_errors"]
    note = f"  ({errors} unexpected: {result['statuses']}, socket errors {result['socket_errors']})" if errors else ""
    print(
        f"  {name:<17} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:>7.2f}  p95 {result['p95_ms']:>7.2f}  "
        f"p99 {result['p99_ms']:>7.2f} ms  load {before[0]:.2f}{note}",
        flush=True,
    )
    return result


def combine(runs: list[dict]) -> dict:
    """Several runs of one target: the mean requests/s, the median of each percentile, every request counted."""
    combined = {
        "rps": statistics.fmean(run["rps"] for run in runs),
        **{key: statistics.median(run[key] for run in runs) for key in ("p50_ms", "p95_ms", "p99_ms")},
        "requests": sum(run["requests"] for run in runs),
        "unexpected_status": sum(run["unexpected_status"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "path": runs[0]["path"],
    }
    if len(runs) > 1:
        combined["rps_runs"] = [round(run["rps"], 1) for run in runs]
    return combined


# Queries per request, in-process ---------------------------------------------------------------------------------


def queries_per_request(paths: dict, intake_data: dict) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    staff = seed.client_signed_in("staff0")
    admin = seed.client_signed_in(seed.ADMIN_USERNAME)
    anonymous = Client(SERVER_NAME=HOST)

    def count(client, method, path, data=None, expected=200):
        for _ in range(2):  # the first one warms caches; the second is counted
            sent = dict(data, submission_token=str(uuid.uuid4())) if data is not None else None
            if method == "POST":
                # A browser without a session each time, as wrk sends it: the same answers sent again from the same
                # session lead to the first result, which saves nothing.
                client = Client(SERVER_NAME=HOST)
            with CaptureQueriesContext(connection) as captured:
                response = client.post(path, sent) if method == "POST" else client.get(path)
            if response.status_code != expected:
                raise RuntimeError(f"{method} {path} answered {response.status_code} in-process")
        return len(captured.captured_queries)

    counts = {}
    for name, path in paths.items():
        client = staff if name.startswith("staff") else admin if name.startswith("admin") else anonymous
        counts[name] = count(client, "GET", path)
    counts["intake_post"] = count(anonymous, "POST", "/consultation/", intake_data, expected=302)
    return counts


# Lighthouse, CSV export ------------------------------------------------------------------------------------------


def lighthouse_once(url: str, output: Path, cookie: str = "") -> dict:
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}"]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    command += ["--form-factor=mobile", "--only-categories=performance,accessibility", "--output=json"]
    command += [f"--output-path={output}", "--quiet"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM, PUPPETEER_SKIP_DOWNLOAD="1")
    finished = subprocess.run(  # noqa: S603 - the pinned Lighthouse against our own server on loopback
        command, capture_output=True, text=True, timeout=300, env=env, check=False
    )
    if finished.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse exit {finished.returncode}: {finished.stderr.strip()[-500:]}")
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError'].get('message')}")
    scores = {name: report["categories"][name]["score"] for name in LIGHTHOUSE_TARGETS}
    if None in scores.values():
        raise RuntimeError(f"lighthouse gave no score: {scores}")
    audits = report["audits"]
    failing = {
        name: [
            ref["id"]
            for ref in report["categories"][name]["auditRefs"]
            if ref.get("weight", 0) > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 1
        ]
        for name in LIGHTHOUSE_TARGETS
    }
    # Where each failing accessibility audit fails: the first few elements, so the page can be fixed.
    where = {
        audit: [
            (item.get("node") or {}).get("selector", "") + " " + (item.get("node") or {}).get("snippet", "")
            for item in (audits[audit].get("details") or {}).get("items", [])[:5]
        ]
        for audit in failing["accessibility"]
    }
    metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
    return {
        **{name: round(score * 100) for name, score in scores.items()},
        "failing_accessibility_audits": failing["accessibility"],
        "failing_accessibility_elements": where,
        "failing_performance_audits": failing["performance"],
        "metrics": {name: round(audits[name]["numericValue"], 3) for name in metrics if name in audits},
        "total_byte_weight_kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "lighthouse_version": report.get("lighthouseVersion"),
    }


def lighthouse(port: int, pages: dict, work: Path) -> dict:
    """Each page, {name: (path, Cookie header)}, LIGHTHOUSE_RUNS times; the run with the median performance score
    is kept.

    On a busy machine Chromium now and then fails to record a trace: a failed run is tried again, up to two more
    attempts a page, and the page is reported as an error only when no run succeeded.
    """
    if LIGHTHOUSE_RUNS <= 0:
        return {"skipped": "BENCH_LIGHTHOUSE_RUNS=0"}
    if not LIGHTHOUSE.exists():
        return {"error": f"Lighthouse is not installed at {LIGHTHOUSE.relative_to(ROOT)} (`make bench` installs it)"}
    results = {}
    for name, (path, cookie) in pages.items():
        runs, errors = [], []
        for attempt in range(LIGHTHOUSE_RUNS + 2):
            if len(runs) == LIGHTHOUSE_RUNS:
                break
            try:
                output = work / f"lighthouse-{name}-{attempt}.json"
                runs.append(lighthouse_once(f"http://{HOST}:{port}{path}", output, cookie))
            except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as error:
                errors.append(str(error))
        if not runs:
            results[name] = {"path": path, "error": errors[-1]}
            print(f"  {name:<10} ERROR {errors[-1]}", flush=True)
            continue
        runs.sort(key=lambda run: run["performance"])
        kept = dict(runs[len(runs) // 2], path=path)
        if len(runs) > 1:
            kept["performance_runs"] = [run["performance"] for run in runs]
        if errors:
            kept["failed_runs"] = errors
        results[name] = kept
        print(
            f"  {name:<10} performance {kept['performance']:>3}  accessibility {kept['accessibility']:>3}  "
            f"{kept['total_byte_weight_kb']:.0f} KB  {path}" + (f"  ({len(errors)} failed run(s))" if errors else ""),
            flush=True,
        )
    return results


def staff_url(name: str, fallback: str, **kwargs) -> str:
    """A staff page's path by its URL name, so a move of the staff views keeps the bench on the same page."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def csv_export_http(port: int, cookie: str) -> dict:
    """The whole export once through gunicorn, timed with curl."""
    command = ["curl", "-sS", "-o", "/dev/null", "--max-time", "900", "-H", f"Cookie: {cookie}"]
    command += ["-w", "%{http_code} %{size_download} %{time_starttransfer} %{time_total}"]
    finished = subprocess.run(  # noqa: S603 - curl against our own server on loopback
        [*command, f"http://{HOST}:{port}{staff_url('staff:export-csv', '/staff/export.csv')}"],
        capture_output=True,
        text=True,
        timeout=960,
        check=False,
    )
    parts = finished.stdout.split()
    if len(parts) != 4:
        return {"error": f"curl exit {finished.returncode}: {finished.stderr.strip()}"}
    status, size, first, total = int(parts[0]), int(parts[1]), float(parts[2]), float(parts[3])
    result = {"status": status, "mb": size / 1e6, "first_byte_s": first, "seconds": total}
    if finished.returncode != 0 or status != 200:
        result["error"] = f"curl exit {finished.returncode}, HTTP {status}: {finished.stderr.strip()}"
    return result


def csv_export_peak() -> dict:
    """Stream the CSV of every row in a child process (the app's own generator) and report its peak memory."""
    # VmHWM, not getrusage's ru_maxrss: execve keeps the forking parent's high-water mark in ru_maxrss.
    code = (
        "import re, time, django; django.setup();"
        "from consultations.exports import csv_rows; from consultations.models import Consultation;"
        "hwm = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1));"
        "before = hwm(); t = time.perf_counter();"
        "n = sum(1 for _ in csv_rows(Consultation.objects.order_by('-created_at', '-id')));"
        "print(n, before, hwm(), time.perf_counter() - t)"
    )
    finished = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
        cwd=ROOT,
        timeout=1800,
    )
    if finished.returncode != 0:
        return {"error": finished.stderr.strip().splitlines()[-1] if finished.stderr.strip() else "failed"}
    output = finished.stdout.split()
    lines, before_kb, peak_kb, seconds = int(output[0]), int(output[1]), int(output[2]), float(output[3])
    return {"rows": lines - 1, "peak_rss_mb": peak_kb / 1024, "rss_before_mb": before_kb / 1024, "seconds": seconds}


# Targets and report ------------------------------------------------------------------------------------------------


def check_targets(results: dict, previous: dict | None) -> list[dict]:
    """Every target with its measured value; `met` is False or True. Ratio and p95 targets hold at 100,000 rows."""
    endpoints, checks = results["endpoints"], []

    def add(name, target, value, met):
        checks.append({"target": name, "wanted": target, "value": value, "met": bool(met)})

    if results["rows"] == 100_000:
        for name, wanted in RATIO_TARGETS.items():
            add(
                f"{name} ratio",
                f">= {wanted:.2f}",
                round(endpoints[name]["ratio"], 3),
                endpoints[name]["ratio"] >= wanted,
            )
        for name, wanted in P95_TARGETS_MS.items():
            p95 = endpoints[name]["p95_ms"]
            add(f"{name} p95", f"<= {wanted} ms", round(p95, 1), p95 <= wanted)
    queue, peer = endpoints["staff_queue"]["rps"], endpoints["admin_changelist"]["rps"]
    add(
        "staff_queue over admin_changelist",
        f">= {QUEUE_OVER_ADMIN}x",
        round(queue / peer, 2),
        queue >= QUEUE_OVER_ADMIN * peer,
    )
    if previous:
        for name in STAFF_ENDPOINTS:
            then, now = previous["endpoints"].get(name), endpoints[name]
            if then:
                kept = now["rps"] / then["rps"]
                add(
                    f"{name} kept at {results['rows']:,} rows",
                    f">= {KEEP_AT_SCALE:.0%}",
                    round(kept, 3),
                    kept >= KEEP_AT_SCALE,
                )
                add(
                    f"{name} queries at {results['rows']:,} rows",
                    then["queries"],
                    now["queries"],
                    now["queries"] == then["queries"],
                )
    for page, scores in results["lighthouse"].items():
        if not isinstance(scores, dict):
            continue
        for category, wanted in LIGHTHOUSE_TARGETS.items():
            add(
                f"lighthouse {page} {category}",
                f">= {wanted}",
                scores.get(category),
                scores.get(category, -1) >= wanted,
            )
    intake = results["lighthouse"].get("intake", {})
    if "total_byte_weight_kb" in intake:
        weight = intake["total_byte_weight_kb"]
        add("intake page weight", f"< {TRANSFER_TARGET_KB} KB", weight, weight < TRANSFER_TARGET_KB)
    export = results["csv_export"]
    add(
        "CSV export peak memory",
        f"< {CSV_TARGET_MB} MB",
        round(export.get("peak_rss_mb", -1), 1),
        export.get("peak_rss_mb", 1e9) < CSV_TARGET_MB,
    )
    add(
        "CSV export through gunicorn",
        "200, every row",
        results["csv_export_http"].get("status"),
        "error" not in results["csv_export_http"],
    )
    return checks


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else "met" if ok else "**not met**"


def endpoint_target(name: str, figures: dict, rows: int) -> tuple[str, bool | None]:
    parts, ok = [], None
    if rows == 100_000 and name in RATIO_TARGETS:
        parts.append(f"ratio ≥ {RATIO_TARGETS[name]:.2f}")
        ok = figures["ratio"] >= RATIO_TARGETS[name]
    if rows == 100_000 and name in P95_TARGETS_MS:
        parts.append(f"p95 ≤ {P95_TARGETS_MS[name]} ms")
        ok = (ok is not False) and figures["p95_ms"] <= P95_TARGETS_MS[name]
    return (", ".join(parts) or "—"), ok


def report(results: dict, previous: dict | None) -> list[str]:
    """The markdown tables, as printed and as put into bench/README.md."""
    rows, endpoints, baselines = results["rows"], results["endpoints"], results["baselines"]
    out = [
        f"{rows:,} consultations; commit {results['commit']}; {results['date']}; {results['cpus']} cores, "
        f"gunicorn {results['workers']} sync workers; wrk {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s "
        f"per endpoint after a {WARMUP} s warm-up; load average {results['loadavg']['start'][0]} at the start, "
        f"{results['loadavg']['end'][0]} at the end.",
        "",
        "| endpoint | requests/s | p50 ms | p95 ms | p99 ms | SQL queries | ratio | target | result |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    bare = baselines["bare_django"]["rps"]
    for name, f in [*baselines.items(), *endpoints.items()]:
        target, ok = endpoint_target(name, f, rows)
        ratio = f.get("ratio", f["rps"] / bare)
        label = {"bare_django": "bare Django view", "django_stack": "bare view + default middleware"}.get(name, name)
        out.append(
            f"| {label} | {f['rps']:,.0f} | {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | {f['p99_ms']:.1f} | "
            f"{f['queries']} | {ratio:.3f} | {target} | {verdict(ok)} |"
        )
    queue, peer = endpoints["staff_queue"]["rps"], endpoints["admin_changelist"]["rps"]
    runs = baselines["bare_django"]["rps_runs"]
    out += [
        "",
        f"Staff queue against the admin's changelist of the same rows: {queue:,.0f} / {peer:,.0f} req/s = "
        f"{queue / peer:.1f}x (target ≥ {QUEUE_OVER_ADMIN}x: {verdict(queue >= QUEUE_OVER_ADMIN * peer)}). "
        "Admin: consultations.admin.ConsultationAdmin, 25 rows a page like the queue.",
        "",
        f"ratio = the endpoint's requests/s ÷ the mean of the bare view's runs just before and just after it "
        f"({BASELINE_SECONDS} s each; {len(runs)} runs from {min(runs):,.0f} to {max(runs):,.0f} req/s, mean "
        f"{bare:,.0f}, shown as the bare view's row); the default-middleware row is the mean of its runs at the "
        f"start and the end. Queries are counted in-process on a warm second request.",
    ]
    lighthouse_results = results["lighthouse"]
    if lighthouse_results.get("skipped") or lighthouse_results.get("error"):
        out += ["", f"Lighthouse: {lighthouse_results.get('skipped') or lighthouse_results.get('error')}"]
    else:
        version = next((p["lighthouse_version"] for p in lighthouse_results.values() if "lighthouse_version" in p), "")
        out += [
            "",
            f"Lighthouse {version}, mobile (its default throttling), Debian's Chromium, {LIGHTHOUSE_RUNS} run(s) a "
            f"page (the median kept); targets performance ≥ {LIGHTHOUSE_TARGETS['performance']}, accessibility "
            f"{LIGHTHOUSE_TARGETS['accessibility']}:",
            "",
            "| page | path | performance | accessibility | LCP ms | TBT ms | CLS | weight KB | failing audits "
            "| result |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for page, s in lighthouse_results.items():
            if "error" in s:
                out.append(f"| {page} | `{s['path']}` | — | — | — | — | — | — | {s['error'][:120]} | **not met** |")
                continue
            ok = all(s[c] >= wanted for c, wanted in LIGHTHOUSE_TARGETS.items())
            failing = ", ".join(f"`{a}`" for a in s["failing_accessibility_audits"]) or "none"
            m = s["metrics"]
            spread = f" ({', '.join(map(str, s['performance_runs']))})" if "performance_runs" in s else ""
            out.append(
                f"| {page} | `{s['path']}` | {s['performance']}{spread} | {s['accessibility']} | "
                f"{m.get('largest-contentful-paint', 0):,.0f} | {m.get('total-blocking-time', 0):,.0f} | "
                f"{m.get('cumulative-layout-shift', 0):.3f} | {s['total_byte_weight_kb']:.0f} | "
                f"accessibility: {failing} | {verdict(ok)} |"
            )
        for page, s in lighthouse_results.items():
            for audit, elements in s.get("failing_accessibility_elements", {}).items():
                shown = (
                    "; ".join(f"`{' '.join(element.split())[:160]}`" for element in elements) or "(no element named)"
                )
                out.append(f"\n{page}, `{audit}`: {shown}")
    seeding, export, over_http = results["seeding"], results["csv_export"], results["csv_export_http"]
    out += [
        "",
        f"Seeding: {seeding['rows_per_second']:,.0f} consultations/s ({seeding['seconds']:.0f} s). CSV export of "
        + (
            f"{export['rows']:,} rows: peak {export['peak_rss_mb']:.0f} MB in a child process (target < "
            f"{CSV_TARGET_MB} MB)"
            if "rows" in export
            else f"every row: {export.get('error')}"
        )
        + (
            f"; through gunicorn {over_http['mb']:.0f} MB in {over_http['seconds']:.1f} s."
            if "error" not in over_http
            else f"; through gunicorn: {over_http['error']}."
        ),
    ]
    if previous:
        out += [
            "",
            f"Staff pages at {rows:,} rows against {previous.get('rows', 0):,} (`BENCH_COMPARE`; target: at least "
            f"{KEEP_AT_SCALE:.0%} of the requests/s with the same SQL queries):",
            "",
            f"| staff endpoint | req/s at {previous.get('rows', 0):,} | at {rows:,} | kept | ratio then → now | "
            "queries then → now | result |",
            "| --- | ---: | ---: | ---: | --- | --- | --- |",
        ]
        for name in STAFF_ENDPOINTS:
            then, now = previous["endpoints"].get(name), endpoints[name]
            if then:
                kept = now["rps"] / then["rps"]
                ok = kept >= KEEP_AT_SCALE and now["queries"] == then["queries"]
                out.append(
                    f"| {name} | {then['rps']:,.0f} | {now['rps']:,.0f} | {kept:.0%} | {then['ratio']:.3f} → "
                    f"{now['ratio']:.3f} | {then['queries']} → {now['queries']} | {verdict(ok)} |"
                )
    failed = [check["target"] for check in results["targets"] if not check["met"]]
    out += ["", "Targets not met: " + (", ".join(failed) if failed else "none") + "."]
    if results["code_changed_during_run"]:
        out += ["", "App files changed during the run: " + ", ".join(results["code_changed_during_run"]) + "."]
    return out


def write_readme(rows: int, lines: list[str]) -> bool:
    """Replace the block between this row count's markers in bench/README.md, if it has them."""
    if os.environ.get("BENCH_README", "1") == "0" or not README.exists():
        return False
    start, end = f"<!-- bench:{rows}:start -->", f"<!-- bench:{rows}:end -->"
    text = README.read_text()
    if start not in text or end not in text:
        return False
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    README.write_text(before + start + "\n" + "\n".join(lines) + "\n" + end + after)
    return True


# The run -------------------------------------------------------------------------------------------------------------


def main() -> int:
    started = time.perf_counter()
    for tool in ("wrk", "curl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (Debian: apt-get install -y {tool})")
    ports = {server: PORT + offset for offset, server in enumerate(SERVERS)}
    busy = [port for port in ports.values() if not port_free(port)]
    if busy:
        sys.exit(f"ports {busy} are in use: set BENCH_PORT to the first of three free ports")
    RESULTS.mkdir(parents=True, exist_ok=True)
    previous = json.loads(Path(os.environ["BENCH_COMPARE"]).read_text()) if os.environ.get("BENCH_COMPARE") else None
    load_start = loadavg()
    sources = source_files()
    seeding = setup_database()
    redis_flush()

    from consultations.rules import current_rules

    rules = current_rules()
    reference, full_name = seed.sample_consultation()
    paths = {
        "home": "/",
        "treatment": "/treatments/botox/",
        "compare": "/treatments/compare/",
        "intake_get": "/consultation/",
        "staff_queue": "/staff/",
        "staff_filtered": "/staff/?status=booked&has_flags=true&treatment=botox",
        "staff_search": "/staff/?" + urllib.parse.urlencode({"q": full_name}),
        "staff_detail": staff_url("staff:detail", f"/staff/consultations/{reference}/", reference=reference),
        "admin_changelist": "/admin/consultations/consultation/",
    }
    work = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    check_script = work / "check.lua"
    check_script.write_text(LUA_CHECK)
    print("Counting SQL queries per request in-process", flush=True)
    queries = queries_per_request(paths, intake_fields(rules))
    logs = {server: work / f"gunicorn-{server}.log" for server in SERVERS}
    servers = {}
    runs: dict[str, list[dict]] = {}
    try:
        for server in SERVERS:
            servers[server] = gunicorn_start(server, ports[server], logs[server])
        for server, process in servers.items():
            wait_ready(process, ports[server], "/healthz" if server == "app" else "/")
        app = ports["app"]
        staff_cookie = login(app, "staff0", seed.STAFF_PASSWORD)
        admin_cookie = login(app, seed.ADMIN_USERNAME, seed.ADMIN_PASSWORD)
        post_cookie, post_body, result_path, sender_cookie = intake_post_prepare(app, rules)
        status = request(app, "GET", result_path, headers={"Cookie": sender_cookie})[0]
        if status != 200:
            raise RuntimeError(f"the result page {result_path} answered {status} to the browser that sent it")
        post_script = work / "post.lua"
        post_script.write_text(LUA_CHECK + LUA_POST % post_body)
        targets = {
            server: {"port": ports[server], "path": "/", "probe": "/", "script": check_script, "expected": 200}
            for server in ("bare_django", "django_stack")
        }
        for name, path in paths.items():
            cookie = staff_cookie if name.startswith("staff") else admin_cookie if name.startswith("admin") else ""
            status = request(app, "GET", path, headers={"Cookie": cookie})[0]
            if status != 200:
                raise RuntimeError(f"{name}: GET {path} answered {status}")
            targets[name] = {"port": app, "path": path, "probe": "/healthz", "script": check_script, "expected": 200}
            targets[name]["cookie"] = cookie
        targets["intake_post"] = {
            "port": app,
            "path": "/consultation/",
            "probe": "/healthz",
            "script": post_script,
            "expected": 302,
            "cookie": post_cookie,
        }
        print(
            f"\nwrk: {SECONDS} s an endpoint, the bare view {BASELINE_SECONDS} s before the first and after each; "
            f"gunicorn {WORKERS} workers on ports {ports['app']} (app), {ports['bare_django']} (bare), "
            f"{ports['django_stack']} (default middleware)",
            flush=True,
        )
        # The intake POST last but one: it adds consultations. The default-middleware view first and last.
        sequence = ["django_stack", *[n for n in ENDPOINTS if n != "intake_post"], "intake_post", "django_stack"]
        bare = [load("bare_django", targets["bare_django"], seconds=BASELINE_SECONDS)]
        around = {}
        for name in sequence:
            before = consultations_count() if name == "intake_post" else 0
            runs.setdefault(name, []).append(load(name, targets[name]))
            if name == "intake_post":
                runs[name][-1]["consultations_added"] = consultations_count() - before
            bare.append(load("bare_django", targets["bare_django"], seconds=BASELINE_SECONDS, warmup=False))
            # Against the bare runs just before and just after, so a change in the machine's load cancels out.
            around.setdefault(name, []).append((bare[-2]["rps"] + bare[-1]["rps"]) / 2)
        print("\nLighthouse", flush=True)
        lighthouse_results = lighthouse(
            app,
            {
                "home": ("/", ""),
                "treatment": ("/treatments/botox/", ""),
                "compare": ("/treatments/compare/", ""),
                "intake": ("/consultation/", ""),
                # As the patient sees it: with the session of the browser that sent the form.
                "result": (result_path, sender_cookie),
            },
            work,
        )
        print("CSV export through gunicorn", flush=True)
        csv_http = csv_export_http(app, staff_cookie)
    finally:
        for process in servers.values():
            seed.gunicorn_stop(process)
    if "error" in csv_http:
        notes = [line for line in logs["app"].read_text(errors="replace").splitlines() if "CRITICAL" in line]
        csv_http["gunicorn_log"] = notes[-3:]
    print("CSV export memory in a child process", flush=True)
    export = csv_export_peak()
    now_sources = source_files()
    changed = sorted(path for path, stamp in now_sources.items() if sources.get(path) != stamp)
    changed += sorted(set(sources) - set(now_sources))

    bare_rps = statistics.fmean(run["rps"] for run in bare)
    baselines = {
        "bare_django": dict(combine(bare), queries=0, ratio=1.0, rps_runs=[round(run["rps"], 1) for run in bare]),
        "django_stack": dict(combine(runs["django_stack"]), queries=0),
    }
    baselines["django_stack"]["ratio"] = baselines["django_stack"]["rps"] / statistics.fmean(around["django_stack"])
    baselines["bare_django"]["rps"] = bare_rps
    endpoints = {}
    for name in ENDPOINTS:
        figures = combine(runs[name])
        figures["queries"] = queries[name]
        figures["bare_rps"] = round(around[name][0], 2)
        figures["ratio"] = figures["rps"] / around[name][0]
        figures["loadavg_before"] = runs[name][0]["loadavg_before"]
        if "consultations_added" in runs[name][0]:
            figures["consultations_added"] = runs[name][0]["consultations_added"]
        endpoints[name] = figures
    for figures in [*baselines.values(), *endpoints.values()]:
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "ratio"):
            figures[key] = round(figures[key], 4 if key == "ratio" else 2)
    results = {
        "rows": ROWS,
        "baselines": baselines,
        "endpoints": endpoints,
        "lighthouse": lighthouse_results,
        "seeding": seeding,
        "csv_export": export,
        "csv_export_http": csv_http,
        "workers": WORKERS,
        "wrk": {
            "threads": THREADS,
            "connections": CONNECTIONS,
            "seconds": SECONDS,
            "warmup_seconds": WARMUP,
            "bare_seconds": BASELINE_SECONDS,
        },
        "cpus": os.cpu_count(),
        "loadavg": {"start": load_start, "end": loadavg()},
        "commit": commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(time.perf_counter() - started, 1),
        "code_changed_during_run": changed,
    }
    results["targets"] = check_targets(results, previous)
    results["failed"] = [check["target"] for check in results["targets"] if not check["met"]]
    lines = report(results, previous)
    print("\n" + "\n".join(lines))
    if changed:
        print(f"\nWARNING: app files changed during the run, so the figures may mix two versions: {', '.join(changed)}")
    text = json.dumps(results, indent=2)
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"latest-{ROWS}.json").write_text(text)
    readme = " and the tables in bench/README.md" if write_readme(ROWS, lines) else ""
    print(f"\nWritten bench/results/latest.json, latest-{ROWS}.json{readme}; whole run {results['seconds']:.0f} s")
    errors = {
        name: f["unexpected_status"] + f["socket_errors"]
        for name, f in [*baselines.items(), *endpoints.items()]
        if f["unexpected_status"] + f["socket_errors"]
    }
    if errors:
        print(f"ERRORS: unexpected responses {errors}; gunicorn logs in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 1 if results["failed"] and os.environ.get("BENCH_STRICT") else 0


def consultations_count() -> int:
    from consultations.models import Consultation

    return Consultation.objects.count()


if __name__ == "__main__":
    sys.exit(main())
