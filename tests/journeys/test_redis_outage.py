"""Redis down: every page still answers, patients can still send the form, and /healthz says the cache is down.

A second gunicorn, started by the same fixture code on the journey's database, gets a Redis of its own. Two ways
Redis goes away: it is stopped while the app is serving with warm caches and open connections, or it was never
there (the port is held closed, so the connection is refused). The journey site's own Redis is never touched.
"""

import re
import socket
from urllib.parse import urlencode

import psycopg
import pytest

from tests.journeys.conftest import HOST, REDIS_PORTS, Patient, free_ports, http_get, visible_text

pytestmark = pytest.mark.browser

CACHE_LINE = re.compile(r"^\s*cache\s*:\s*(?P<state>\S+)", re.IGNORECASE | re.MULTILINE)


@pytest.fixture(scope="module", params=["stopped-while-serving", "never-there"])
def site_without_redis(request, journey_site, journey_servers):
    if request.param == "stopped-while-serving":
        own_redis = journey_servers.redis()
        site = journey_servers.app(own_redis.url, "redis-stopped")  # warmed: the caches and connections are live
        own_redis.stop()
        closed = None
    else:
        # A port of our range bound but not listening: nothing can take it, and every connection is refused.
        closed = socket.socket()
        for port in free_ports(REDIS_PORTS, journey_servers.ports):
            try:
                closed.bind((HOST, port))
                break
            except OSError:
                continue
        else:
            pytest.fail(f"no free port in {REDIS_PORTS.start}-{REDIS_PORTS.stop - 1} to hold closed")
        site = journey_servers.app(f"redis://{HOST}:{closed.getsockname()[1]}/0", "redis-never-there", warm_up=False)
    site.treatment_paths = journey_site.treatment_paths
    yield site
    site.stop()
    if closed is not None:
        closed.close()


def cache_state(body: str) -> str | None:
    match = CACHE_LINE.search(body)
    return match["state"].lower() if match else None


def test_healthz_says_the_cache_is_unavailable(site_without_redis, journey_site):
    status, body = http_get(journey_site.url + "/healthz")
    assert status == 200 and cache_state(body) == "ok", f"with Redis up /healthz answered {status}: {body!r}"
    status, body = http_get(site_without_redis.url + "/healthz")
    assert status == 200, f"/healthz answered {status} with Redis down but the database up: {body!r}"
    assert cache_state(body) == "unavailable", f"/healthz does not say the cache is unavailable: {body!r}"


class Visits:
    """GETs in a browser page that must each answer 200; the failures are collected, to be reported together."""

    def __init__(self, base: str):
        self.base = base
        self.problems: list[str] = []

    def __call__(self, page, path: str) -> bool:
        response = page.goto(self.base + path)
        if response is None or response.status != 200:
            status = response.status if response else "no response"
            self.problems.append(f"GET {path}: {status}: {visible_text(page, 200)}")
            return False
        return True

    def assert_all_answered(self) -> None:
        assert not self.problems, f"{len(self.problems)} page(s) failed with Redis down:\n" + "\n".join(self.problems)


def a_consultation(database_url: str) -> tuple[str, str]:
    """(reference, full name) of a consultation of the journey database."""
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        row = conn.execute(
            "SELECT reference, full_name FROM consultations_consultation ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
    assert row, "the journey database holds no consultation (the demo data is missing)"
    return row


def test_public_pages_answer(site_without_redis, journey):
    visit = Visits(site_without_redis.url)
    page = journey.person(1280)
    for path in site_without_redis.public_paths():
        visit(page, path)
    visit.assert_all_answered()


def test_a_patient_sends_the_form_and_reads_the_result(site_without_redis, journey):
    base = site_without_redis.url
    page = journey.person(1280)
    patient = Patient(
        full_name="Octavia Fernsworth",
        email="octavia.fernsworth@example.org",
        date_of_birth="1988-02-09",
        concerns=[("crows-feet", "lines-when-moving")],
    )
    reference = journey.submit_intake(page, base, patient)
    assert page.locator("[data-reference]").inner_text().strip() == reference
    assert page.locator('[data-treatment="botox"]').count() == 1, visible_text(page)
    visit = Visits(base)
    visit(page, f"/consultation/{reference}/")
    visit.assert_all_answered()


def test_a_patient_reads_their_own_pages(site_without_redis, journey):
    visit = Visits(site_without_redis.url)
    page = journey.person(360)
    journey.log_in(page, site_without_redis.url, "patient")
    if visit(page, "/me/"):
        links = page.locator("main a[href*='/me/consultations/']")
        assert links.count() >= 1, "the demo patient's consultations are not listed on /me/"
        visit(page, links.first.get_attribute("href"))
    visit.assert_all_answered()


def test_staff_work_the_queue(site_without_redis, journey):
    base = site_without_redis.url
    reference, full_name = a_consultation(site_without_redis.database_url)
    visit = Visits(base)
    page = journey.person(1280)
    journey.log_in(page, base, "staff")
    visit(page, "/staff/")
    if visit(page, "/staff/?" + urlencode({"q": full_name})):
        row = page.locator(".queue-table tbody tr").filter(has_text=reference)
        assert row.count() == 1, f"the queue search for {full_name!r} does not list {reference}: {visible_text(page)}"
        detail = row.get_by_role("link", name=full_name, exact=True).get_attribute("href")
        if visit(page, detail):
            assert reference in page.get_by_role("heading", level=1).inner_text()
            note = "Called back while the cache was down"
            page.fill("#id_text", note)
            button = page.get_by_role("button", name="Add note")
            journey.post_and_expect_redirect(page, button.click, "staff adds a note with Redis down")
            assert note in page.locator("main").inner_text()
    visit.assert_all_answered()
