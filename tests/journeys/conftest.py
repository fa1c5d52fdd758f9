"""The app served as in production, for journeys that several people make one after another.

`journey_site` (one per test session) creates a PostgreSQL database of its own, starts a redis-server of its own on
a free port, runs the management commands of the Makefile's `run` target (minus runserver), collects the static
files, and serves the app with gunicorn (2 workers) with production settings: DEBUG off, a random secret key,
manifest static storage served by whitenoise. Only the HTTPS redirect and the secure cookies are off, since
gunicorn speaks plain HTTP on 127.0.0.1. Before any test the caches are warmed by anonymous visitors: a bug that
only shows to the second visitor of a cached page (the blank intake form once carried the first visitor's CSRF
token) then shows to every patient in the tests.

`journey_servers` starts more of the same: another redis-server, another gunicorn on the same database. Everything
started is stopped at the end of the session and the database is dropped.

PostgreSQL and redis-server are required: when either is missing the fixture FAILS, it never skips.
Ports: gunicorn on 8600-8699, redis-server on 6390-6399 (JOURNEY_ADMIN_DATABASE_URL names the PostgreSQL server).
"""

import contextlib
import os
import random
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest

from tests.browser.stepped_form import SEND, next_step
from tests.sign_in_page import sign_in_page

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
HOST = "127.0.0.1"
ADMIN_DATABASE_URL = os.environ.get("JOURNEY_ADMIN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
APP_PORTS = range(8600, 8700)
REDIS_PORTS = range(6390, 6400)
WORKERS = 2
# The published demo password (README, accounts/demo.py): demo accounts exist only in demo mode.
DEMO_PASSWORD = "clinic-demo-pass"  # noqa: S105
HEALTHY_WITHIN = 90  # seconds gunicorn gets to answer /healthz
WARM_FORM_VISITS = 6  # anonymous GETs of /consultation/ before the tests: every worker has served it


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides tests/conftest.py's: these tests use their own server's Redis, never this process's cache."""
    yield


# Small helpers --------------------------------------------------------------------------------------------------


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def free_ports(ports: range, taken: set[int]) -> list[int]:
    """Free ports of the range, in a random order so that two sessions at once rarely race for the same one."""
    candidates = [port for port in ports if port not in taken]
    random.shuffle(candidates)
    return [port for port in candidates if port_is_free(port)]


def http_get(url: str, timeout: float = 15) -> tuple[int, str]:
    """A GET by a new anonymous visitor (no cookies): (status, body). Redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def treatment_paths(library_html: str) -> list[str]:
    """The treatment pages the library links to: /treatments/<slug>/ (not the comparison)."""
    parser = Links()
    parser.feed(library_html)
    paths = [re.sub(r"^https?://[^/]+", "", href) for href in parser.hrefs]
    found = [p for p in paths if re.fullmatch(r"/treatments/[a-z0-9-]+/", p) and p != "/treatments/compare/"]
    return list(dict.fromkeys(found))


def makefile_run_commands() -> list[list[str]]:
    """The manage.py commands (with their arguments) of the Makefile's `run` target, runserver left out."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"^run\s*:", line))
    except StopIteration:
        pytest.fail("The Makefile has no `run` target: the journey fixture runs its management commands")
    commands = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line.strip())
        if "manage.py" not in words:
            continue
        command = words[words.index("manage.py") + 1 :]
        if command and command[0] != "runserver":
            commands.append(command)
    if not commands:
        pytest.fail("The Makefile's `run` target runs no manage.py command the journey fixture could reuse")
    return commands


# Processes ------------------------------------------------------------------------------------------------------


@dataclass
class Redis:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Site:
    """One gunicorn serving the app: its address, environment and log."""

    url: str
    port: int
    env: dict
    database_url: str
    redis_url: str
    process: subprocess.Popen
    log: Path
    treatment_paths: list[str] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, str]:
        return http_get(self.url + path)

    def public_paths(self) -> list[str]:
        return ["/", "/treatments/", *self.treatment_paths, "/treatments/compare/", "/consultation/"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def redis_start(work: Path, taken: set[int]) -> Redis:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (Debian package redis-server): the journey tests need their own")
    import redis

    for port in free_ports(REDIS_PORTS, taken)[:5]:
        log = work / f"redis-{port}.log"
        with log.open("w") as handle:
            process = subprocess.Popen(  # noqa: S603 - a fixed binary and our own arguments
                [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(work)],
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if redis.Redis(host=HOST, port=port, socket_timeout=1).ping():
                    taken.add(port)
                    return Redis(port, process, log)
            except redis.RedisError:
                time.sleep(0.1)
        Redis(port, process, log).stop()
    pytest.fail(f"Could not start redis-server on any free port in {REDIS_PORTS.start}-{REDIS_PORTS.stop - 1}")


def manage(env: dict, *arguments: str) -> None:
    finished = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if finished.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(arguments)} failed with code {finished.returncode}:\n"
            f"{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"
        )


def gunicorn_start(env: dict, work: Path, taken: set[int], label: str) -> Site:
    """gunicorn on a free port of 8600-8699, answering /healthz with 200; fails with its log otherwise."""
    command = [sys.executable, "-m", "gunicorn", "clinic.wsgi", "--workers", str(WORKERS), "--timeout", "120"]
    helptext = subprocess.run([*command[:3], "--help"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    if "--no-control-socket" in helptext:
        # gunicorn >= 25 opens a control socket at one path per user: keep off any other gunicorn on this machine.
        command.append("--no-control-socket")
    last_log = None
    for port in free_ports(APP_PORTS, taken)[:5]:
        log = work / f"gunicorn-{label}-{port}.log"
        last_log = log
        site_env = dict(env, SITE_URL=f"http://{HOST}:{port}")
        with log.open("w") as handle:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter
                [*command, "--bind", f"{HOST}:{port}"], cwd=ROOT, env=site_env, stdout=handle, stderr=subprocess.STDOUT
            )
        site = Site(
            url=f"http://{HOST}:{port}",
            port=port,
            env=site_env,
            database_url=env["DATABASE_URL"],
            redis_url=env.get("REDIS_URL", ""),
            process=process,
            log=log,
        )
        deadline = time.monotonic() + HEALTHY_WITHIN
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError):
                if site.get("/healthz")[0] == 200:
                    taken.add(port)
                    return site
            time.sleep(0.25)
        site.stop()
        if "Address already in use" not in log.read_text(errors="replace"):
            break  # not a port race: trying another port would not help
    pytest.fail(f"gunicorn ({label}) never answered /healthz with 200. Its log:\n{tail(last_log) if last_log else ''}")


def warm(site: Site) -> None:
    """Anonymous visitors read every public page, the blank intake form several times: caches are warm."""
    status, library = site.get("/treatments/")
    assert status == 200, f"GET /treatments/ answered {status} while warming the cache"
    site.treatment_paths = treatment_paths(library)
    assert site.treatment_paths, "the treatment library links to no treatment page"
    for path in [*site.public_paths(), *["/consultation/"] * WARM_FORM_VISITS]:
        status, _body = site.get(path)
        assert status == 200, f"GET {path} answered {status} while warming the cache. gunicorn's log:\n{tail(site.log)}"


class Servers:
    """Everything the session started: stopped in reverse order at its end."""

    def __init__(self, work: Path, env: dict):
        self.work = work
        self.env = env
        self.ports: set[int] = set()
        self.started: list = []

    def redis(self) -> Redis:
        server = redis_start(self.work, self.ports)
        self.started.append(server)
        return server

    def app(self, redis_url: str, label: str, *, warm_up: bool = True) -> Site:
        site = gunicorn_start(dict(self.env, REDIS_URL=redis_url), self.work, self.ports, label)
        self.started.append(site)
        if warm_up:
            warm(site)
        return site

    def stop_all(self) -> None:
        for server in reversed(self.started):
            server.stop()


# The fixtures ---------------------------------------------------------------------------------------------------


def database_admin():
    try:
        return psycopg.connect(ADMIN_DATABASE_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {ADMIN_DATABASE_URL}: {error}\n"
            "Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start); `make test` does."
        )


@pytest.fixture(scope="session")
def journey_servers():
    """A fresh database, the production environment for it, and a record of the servers started on it."""
    name = f"clinic_journey_{os.getpid()}"
    database_url = ADMIN_DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    with database_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.mkdtemp(prefix="clinic-journey-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_", "INTAKE_", "STAFF_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_DEMO_MODE": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SESSION_COOKIE_SECURE": "false",
            "DJANGO_CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": database_url,
            "DJANGO_LOG_LEVEL": "WARNING",
            # Collected into the run's own folder: other test runs serve the project's staticfiles/ meanwhile.
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    servers = Servers(work, env)
    try:
        yield servers
    finally:
        servers.stop_all()
        with database_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def journey_redis(journey_servers) -> Redis:
    """The redis-server of the main journey site, started by this fixture and used by nobody else."""
    return journey_servers.redis()


@pytest.fixture(scope="session")
def journey_site(journey_servers, journey_redis) -> Site:
    """The app on gunicorn with its own database and Redis, demo accounts loaded, caches warm."""
    env = dict(journey_servers.env, REDIS_URL=journey_redis.url)
    # Demo mode only for the commands that make the demo accounts; the server itself runs in plain production mode.
    setup_env = dict(env, DJANGO_DEMO_MODE="true")
    for command in makefile_run_commands():
        manage(setup_env, *command)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return journey_servers.app(journey_redis.url, "main")


@pytest.fixture
def screenshot():
    """Keep a full-page screenshot as test-artifacts/screenshots/journey-<name>-<width>.png."""

    def take(page, name: str) -> Path:
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"journey-{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# Browsers -------------------------------------------------------------------------------------------------------

RESULT_PATH = re.compile(r"/consultation/(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$")


@dataclass
class Patient:
    """What one patient answers on the intake form."""

    full_name: str
    email: str
    date_of_birth: str  # ISO date; an adult
    concerns: list[tuple[str, str]]  # (area slug, concern slug) as the checkboxes' name and value
    phone: str = ""
    goals: str = ""
    yes: dict[str, str] = field(default_factory=dict)  # screening question slug -> details typed; the rest "no"

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0]


def visible_text(page, limit: int = 600) -> str:
    return " ".join(page.locator("body").inner_text().split())[:limit]


class Journey:
    """People in Chromium: each gets a browser context of their own, closed at the end of the test."""

    def __init__(self, chromium):
        self.chromium = chromium
        self.contexts = []

    def person(self, width: int, height: int = 800):
        context = self.chromium.new_context(viewport={"width": width, "height": height})
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    @staticmethod
    def post_and_expect_redirect(page, click, what: str):
        """Press a form's button; the POST must answer 302 (a 403 or a form error fails here, with the page's text).

        Returns once the page the browser landed on has loaded, after every redirect.
        """
        with page.expect_event("load"), page.expect_response(lambda r: r.request.method == "POST") as posted:
            click()
        response = posted.value
        if response.status != 302:
            pytest.fail(f"{what}: POST {response.url} answered {response.status}, not a redirect: {visible_text(page)}")
        return response

    def submit_intake(self, page, base_url: str, patient: Patient) -> str:
        """Fill in the served intake form field by field, as the patient would, send it; return the reference."""
        response = page.goto(base_url + "/consultation/")
        assert response.status == 200, f"GET /consultation/ answered {response.status}"
        page.fill("#id_full_name", patient.full_name)
        page.fill("#id_email", patient.email)
        if patient.phone:
            page.fill("#id_phone", patient.phone)
        page.fill("#id_date_of_birth", patient.date_of_birth)
        next_step(page)  # What bothers you
        for area, concern in patient.concerns:
            page.check(f'input[type="checkbox"][name="area-{area}"][value="{concern}"]')
        if patient.goals:
            page.fill("#id_goals", patient.goals)
        next_step(page)  # Earlier treatments
        next_step(page)  # Medical screening
        questions = page.locator('input[type="radio"][name^="screening-"][value="no"]')
        names = [questions.nth(i).get_attribute("name") for i in range(questions.count())]
        assert names, "the intake form asks no screening question"
        unknown = set(patient.yes) - {name.removeprefix("screening-") for name in names}
        assert not unknown, f"the form has no screening question {unknown}"
        for name in names:
            slug = name.removeprefix("screening-")
            page.check(f'input[type="radio"][name="{name}"][value="{"yes" if slug in patient.yes else "no"}"]')
            if patient.yes.get(slug):
                page.fill(f'[name="{name}-detail"]', patient.yes[slug])
        next_step(page)  # Consent
        page.check("#id_consent")
        submit = page.locator(SEND)
        self.post_and_expect_redirect(page, submit.click, f"{patient.full_name} sends the intake form")
        page.wait_for_url(RESULT_PATH)
        return RESULT_PATH.search(page.url)["reference"]

    def log_in(self, page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in through the real login pages: password, then the code from the authenticator app."""
        response = page.goto(base_url + "/accounts/login/")
        assert response.status == 200, f"GET /accounts/login/ answered {response.status}"
        sign_in_page(page, base_url, username, password)
        assert "/accounts/" not in page.url, f"{username} is still signing in: {visible_text(page)}"


@pytest.fixture
def journey(chromium):
    people = Journey(chromium)
    yield people
    people.close()
