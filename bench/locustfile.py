"""Locust scenario for `make loadtest` (driven by bench/loadtest.py, which reads the summary this file writes).

The mix, by task weight: 70% page views (home, the treatment library and pages, the comparison, the empty intake
form), 25% intake submissions (GET the form, read the `csrftoken` cookie, the hidden `submission_token` and the
choices the form offers, POST a valid set of answers; only a 302 to `/consultation/XXXX-XXXX-XXXX/` counts as
success, then the result page is read) and 5% staff work (each simulated user logs in once as the load-test staff
user, in a session of its own, then reads the queue and a filtered queue page).

Environment: LOADTEST_STAFF_USERNAME / LOADTEST_STAFF_PASSWORD (the staff account), LOADTEST_MAX_REQUESTS (stop
the run once that many requests were made; 0 for no cap), LOADTEST_SUMMARY (where to write the final statistics as
JSON), LOADTEST_WAIT_MIN / LOADTEST_WAIT_MAX (seconds a simulated user pauses between tasks).
"""

import json
import logging
import os
import random
import re
import sys
import uuid
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.clients import HttpSession

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from treatments.catalogue_content import AREAS, TREATMENTS  # noqa: E402 - plain data, no Django needed

logger = logging.getLogger("loadtest")

RESULT_PATH = re.compile(r"^(?:https?://[^/]+)?/consultation/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/$")
TREATMENT_SLUGS = [t["slug"] for t in TREATMENTS if t.get("status", "published") == "published"]
AREA_SLUGS = [a["slug"] for a in AREAS]
STAFF_FILTERS = ["status=new", "has_flags=true", "treatment={treatment}", "area={area}&status=new", "q=Load"]
FIRST_NAMES = ["Ada", "Grace", "Mary", "Alan", "Lise", "Emmy", "Hedy", "Rosa", "Omar", "Priya", "Chen", "Sofia"]
LAST_NAMES = ["Lovelace", "Hopper", "Seacole", "Turing", "Meitner", "Noether", "Lamarr", "Parks", "Khan", "Patel"]
GOALS = ["", "", "Look less tired.", "Soften my frown lines.", "Less sweating at work."]

MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "0") or 0)
SUMMARY_PATH = os.environ.get("LOADTEST_SUMMARY", "")
STAFF_USERNAME = os.environ.get("LOADTEST_STAFF_USERNAME", "loadtest-staff")
STAFF_PASSWORD = os.environ.get("LOADTEST_STAFF_PASSWORD", "")
WAIT_MIN = float(os.environ.get("LOADTEST_WAIT_MIN", "0.5"))
WAIT_MAX = float(os.environ.get("LOADTEST_WAIT_MAX", "2.0"))

SUBMIT_NAME = "/consultation/ (submit)"
state = {"environment": None, "requests": 0, "capped": False, "submissions_ok": 0, "logins": 0}


class FormFields(HTMLParser):
    """The inputs and selects of a page: enough to fill in the intake form the way a browser would."""

    def __init__(self):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.checkboxes: dict[str, list[str]] = {}
        self.radios: dict[str, list[str]] = {}
        self.selects: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value") or ""
            if kind == "hidden":
                self.hidden[name] = value
            elif kind == "checkbox":
                self.checkboxes.setdefault(name, []).append(value)
            elif kind == "radio":
                self.radios.setdefault(name, []).append(value)
        elif tag == "select" and name:
            self._select = name
            self.selects[name] = []
        elif tag == "option" and self._select is not None:
            self.selects[self._select].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_fields(html: str) -> FormFields:
    parser = FormFields()
    parser.feed(html)
    return parser


def intake_answers(fields: FormFields, rng: random.Random) -> dict[str, str | list[str]]:
    """A valid set of answers built from what the form offers: 1 to 3 concerns, every screening question."""
    pairs = [
        (name, value) for name, values in fields.checkboxes.items() if name.startswith("area-") for value in values
    ]
    screening = [name for name in fields.radios if name.startswith("screening-")]
    if not pairs or not screening or "contact_method" not in fields.radios:
        raise ValueError(f"the intake form is missing choices ({len(pairs)} concerns, {len(screening)} questions)")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 50))
    data: dict[str, str | list[str]] = {
        "full_name": f"{first} {last} Load",
        "email": f"{first.lower()}.{last.lower()}.{uuid.uuid4().hex[:12]}@example.com",
        "phone": f"07700 {rng.randint(900000, 900999)}",
        "date_of_birth": birth.isoformat(),
        "contact_method": rng.choice(fields.radios["contact_method"]),
        "goals": rng.choice(GOALS),
        "consent": "on",
        "website": "",
        "submission_token": fields.hidden.get("submission_token", ""),
    }
    for area, concern in rng.sample(pairs, rng.randint(1, min(3, len(pairs)))):
        data.setdefault(area, []).append(concern)
        severities = [value for value in fields.selects.get(f"severity-{area[5:]}", []) if value]
        if severities and rng.random() < 0.5:
            data[f"severity-{area[5:]}"] = rng.choice(severities)
    for name in screening:
        data[name] = "yes" if rng.random() < 0.1 else "no"
    return data


def page_text(body: str, limit: int = 200) -> str:
    """The visible error text of a page, shortened, for a failure message."""
    alerts = re.findall(r'class="[^"]*(?:alert|invalid-feedback|errorlist)[^"]*"[^>]*>(.*?)</', body, re.S)
    text = " | ".join(" ".join(re.sub(r"<[^>]+>", " ", a).split()) for a in alerts if a.strip())
    return (text or " ".join(re.sub(r"<[^>]+>", " ", body).split()))[:limit]


class ClinicVisitor(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        self.rng = random.Random()
        self.staff: HttpSession | None = None

    # Helpers ------------------------------------------------------------------------------------

    def view(self, path: str, name: str, client: HttpSession | None = None) -> str | None:
        """GET a page that must answer 200 itself (a redirect here means a misconfiguration or a lost login)."""
        with (client or self.client).get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                location = response.headers.get("Location", "")
                response.failure(f"HTTP {response.status_code} {location}".strip())
                return None
            response.success()
            return response.text

    # Page views: 70% -----------------------------------------------------------------------------

    @task(20)
    def home(self):
        self.view("/", "/")

    @task(8)
    def library(self):
        self.view("/treatments/", "/treatments/")

    @task(20)
    def treatment(self):
        self.view(f"/treatments/{self.rng.choice(TREATMENT_SLUGS)}/", "/treatments/[slug]/")

    @task(10)
    def compare(self):
        self.view("/treatments/compare/", "/treatments/compare/")

    @task(12)
    def intake_form(self):
        self.view("/consultation/", "/consultation/")

    # Intake submissions: 25% --------------------------------------------------------------------

    @task(25)
    def intake_submit(self):
        html = self.view("/consultation/", "/consultation/ (before submit)")
        if html is None:
            return
        csrf = self.client.cookies.get("csrftoken")
        fields = form_fields(html)
        try:
            if not csrf:
                raise ValueError("no csrftoken cookie after GET /consultation/")
            data = intake_answers(fields, self.rng)
            if not data["submission_token"]:
                raise ValueError("no hidden submission_token in the form")
        except ValueError as error:
            events.request.fire(
                request_type="POST",
                name=SUBMIT_NAME,
                response_time=0,
                response_length=0,
                exception=error,
                context={},
            )
            return
        data["csrfmiddlewaretoken"] = csrf
        headers = {"Referer": f"{self.host}/consultation/"}
        with self.client.post(
            "/consultation/", data=data, headers=headers, name=SUBMIT_NAME, allow_redirects=False, catch_response=True
        ) as response:
            match = RESULT_PATH.match(response.headers.get("Location", ""))
            if response.status_code != 302 or not match:
                detail = page_text(response.text) if response.status_code != 302 else response.headers.get("Location")
                response.failure(f"HTTP {response.status_code}: {detail}")
                return
            response.success()
            state["submissions_ok"] += 1
        body = self.view(f"/consultation/{match.group(1)}/", "/consultation/[reference]/")
        if body is not None and match.group(1) not in body:
            events.request.fire(
                request_type="CHECK",
                name="result page shows its reference",
                response_time=0,
                response_length=0,
                exception=AssertionError(f"reference {match.group(1)} not on its result page"),
                context={},
            )

    # Staff queue: 5% ----------------------------------------------------------------------------

    def staff_login(self) -> HttpSession | None:
        """Log in through /accounts/login/ with CSRF, in a session separate from the patient-side browsing."""
        staff = HttpSession(base_url=self.host, request_event=self.environment.events.request, user=self)
        if self.view("/accounts/login/", "/accounts/login/", client=staff) is None:
            return None
        data = {
            "username": STAFF_USERNAME,
            "password": STAFF_PASSWORD,
            "next": "",
            "csrfmiddlewaretoken": staff.cookies.get("csrftoken", ""),
        }
        headers = {"Referer": f"{self.host}/accounts/login/"}
        with staff.post(
            "/accounts/login/",
            data=data,
            headers=headers,
            name="/accounts/login/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "sessionid" not in staff.cookies:
                response.failure(f"HTTP {response.status_code}: login refused: {page_text(response.text)}")
                return None
            response.success()
        state["logins"] += 1
        return staff

    @task(5)
    def staff_queue(self):
        if self.staff is None:
            self.staff = self.staff_login()
            if self.staff is None:
                return
        self.view("/staff/", "/staff/", client=self.staff)
        query = self.rng.choice(STAFF_FILTERS).format(
            treatment=self.rng.choice(TREATMENT_SLUGS), area=self.rng.choice(AREA_SLUGS)
        )
        self.view(f"/staff/?{query}", "/staff/?[filters]", client=self.staff)


# Run bounds and the summary -----------------------------------------------------------------------


@events.init.add_listener
def on_init(environment, **_kwargs):
    state["environment"] = environment


@events.request.add_listener
def on_request(**_kwargs):
    state["requests"] += 1
    if MAX_REQUESTS and state["requests"] >= MAX_REQUESTS and not state["capped"]:
        state["capped"] = True
        logger.info("Request cap of %d reached: stopping the users", MAX_REQUESTS)
        environment = state["environment"]
        if environment is not None and environment.runner is not None:
            # From a greenlet of its own: the runner waits for the users to finish their current task.
            gevent.spawn(environment.runner.quit)


def _entry(entry) -> dict:
    return {
        "method": entry.method or "",
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.50) if entry.num_requests else 0,
        "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else 0,
        "p99_ms": entry.get_response_time_percentile(0.99) if entry.num_requests else 0,
        "rps": entry.total_rps,
    }


@events.quit.add_listener
def on_quit(exit_code, **_kwargs):
    """Write the final statistics, after every user has stopped, for bench/loadtest.py to read."""
    environment = state["environment"]
    if not SUMMARY_PATH or environment is None or environment.runner is None:
        return
    stats = environment.runner.stats
    summary = {
        "entries": [_entry(e) for e in sorted(stats.entries.values(), key=lambda e: (e.name, e.method or ""))],
        "total": _entry(stats.total),
        "errors": [
            {"method": e.method, "name": e.name, "error": str(e.error), "occurrences": e.occurrences}
            for e in stats.errors.values()
        ],
        "exceptions": [
            {"count": row["count"], "msg": row["msg"], "traceback": row["traceback"]}
            for row in environment.runner.exceptions.values()
        ],
        "submissions_ok": state["submissions_ok"],
        "staff_logins": state["logins"],
        "request_cap": MAX_REQUESTS,
        "stopped_by_cap": state["capped"],
        "locust_exit_code": exit_code,
    }
    Path(SUMMARY_PATH).write_text(json.dumps(summary, indent=2))
