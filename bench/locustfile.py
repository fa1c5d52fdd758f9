"""Locust scenario for `make loadtest` (driven by bench/loadtest.py, which reads the summary this file writes).

The mix, by task weight: 70% page views (home, the treatment library and pages, the comparison, the empty intake
form), 25% intake submissions and 5% staff work.

A submission is what a browser sends: GET /consultation/, read every control of the served form from its HTML
(hidden inputs, text fields, checkboxes, radios, selects, textareas, the pressed submit button), answer the way a
person would (1 to 3 concerns, every screening question, name, email, phone, date of birth, consent; the rest
left as served), and POST every successful control in document order. The `csrfmiddlewaretoken` and the
`submission_token` are sent exactly as the page holds them, never taken from the cookie: a page carrying a stale
token (the blank form once came from a cache holding the first visitor's) fails here as it fails in a browser,
and a page with two token inputs sends both, as a browser does. Only a 302 to `/consultation/XXXX-XXXX-XXXX/`
counts as success, then the result page is read. Staff work: each simulated user logs in once as the load-test
staff user through the login page's form, in a session of its own, then reads the queue and a filtered queue page.

Environment: LOADTEST_STAFF_USERNAME / LOADTEST_STAFF_PASSWORD (the staff accounts USERNAME-0, -1, ..., one per
simulated user, with bench/totp.py's TOTP secret), LOADTEST_MAX_REQUESTS (stop the run once that many requests were
made; 0 for no cap), LOADTEST_SUMMARY (where to write the final statistics as JSON), LOADTEST_WAIT_MIN /
LOADTEST_WAIT_MAX (seconds a simulated user pauses between tasks).
"""

import itertools
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
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, events, task
from locust.clients import HttpSession

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.totp import totp_code  # noqa: E402 - the standard library only
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
# Each simulated user signs in as a staff account of its own: loadtest-staff-0, -1, ...
STAFF_NUMBERS = itertools.count()
STAFF_PASSWORD = os.environ.get("LOADTEST_STAFF_PASSWORD", "")
WAIT_MIN = float(os.environ.get("LOADTEST_WAIT_MIN", "0.5"))
WAIT_MAX = float(os.environ.get("LOADTEST_WAIT_MAX", "2.0"))

SUBMIT_NAME = "/consultation/ (submit)"
state = {"environment": None, "requests": 0, "capped": False, "submissions_ok": 0, "logins": 0}


class Control:
    """One control of a form as served: an input, a select, a textarea or a button."""

    def __init__(self, tag: str, attrs: dict):
        self.tag = tag
        self.kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower() if tag != "select" else ""
        self.name = attrs.get("name") or ""
        self.value = attrs.get("value")
        self.checked = "checked" in attrs
        self.disabled = "disabled" in attrs
        self.multiple = "multiple" in attrs
        self.options: list[list] = []  # a select's [value, selected]

    def __repr__(self):
        return f"<{self.tag} {self.kind} {self.name}={self.value!r}>"


class Form:
    """A form as served, and what a browser sends for it (HTML's form submission algorithm, for these controls)."""

    def __init__(self, action: str, method: str):
        self.action = action
        self.method = method.lower()
        self.controls: list[Control] = []

    def named(self, name: str, kind: str | None = None) -> list[Control]:
        found = [c for c in self.controls if c.name == name and (kind is None or c.kind == kind)]
        if not found:
            raise ValueError(f"the form has no {kind or 'control'} named {name!r}")
        return found

    def fill(self, name: str, value: str) -> None:
        """Type into a text-like input or a textarea."""
        control = self.named(name)[0]
        if control.kind in {"checkbox", "radio", "submit", "hidden"} or control.tag == "select":
            raise ValueError(f"{name!r} is a {control.kind or control.tag}, not a field to type into")
        control.value = value

    def tick(self, name: str, value: str) -> None:
        """Check a checkbox, or choose a radio (unchecking the others of its group)."""
        boxes = [c for c in self.controls if c.name == name and c.kind in {"checkbox", "radio"}]
        chosen = [c for c in boxes if (c.value if c.value is not None else "on") == value]
        if not chosen:
            raise ValueError(f"the form offers no {value!r} for {name!r}")
        if chosen[0].kind == "radio":
            for box in boxes:
                box.checked = False
        chosen[0].checked = True

    def choose(self, name: str, value: str) -> None:
        """Pick one option of a select."""
        select = self.named(name)[0]
        if not any(option[0] == value for option in select.options):
            raise ValueError(f"the select {name!r} offers no {value!r}")
        for option in select.options:
            option[1] = option[0] == value

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.controls)

    def names(self, kind: str, prefix: str = "") -> list[str]:
        return list(dict.fromkeys(c.name for c in self.controls if c.kind == kind and c.name.startswith(prefix)))

    def values(self, name: str) -> list[str]:
        """The values a checkbox or radio group, or a select, offers."""
        found = []
        for control in self.named(name):
            if control.tag == "select":
                found += [value for value, _selected in control.options]
            else:
                found.append(control.value if control.value is not None else "on")
        return found

    def submission(self) -> list[tuple[str, str]]:
        """The (name, value) pairs a browser sends when the form's first submit button is pressed."""
        pairs: list[tuple[str, str]] = []
        pressed = False
        for control in self.controls:
            if not control.name or control.disabled:
                continue
            if control.tag == "select":
                selected = [value for value, chosen in control.options if chosen]
                if not selected and not control.multiple and control.options:
                    selected = [control.options[0][0]]
                pairs += [(control.name, value) for value in (selected if control.multiple else selected[:1])]
            elif control.kind in {"checkbox", "radio"}:
                if control.checked:
                    pairs.append((control.name, control.value if control.value is not None else "on"))
            elif control.kind in {"submit", "image"}:
                if not pressed:
                    pressed = True
                    pairs.append((control.name, control.value or ""))
            elif control.kind in {"button", "reset", "file"}:
                continue
            else:
                pairs.append((control.name, control.value or ""))
        return pairs


class FormParser(HTMLParser):
    """Every form of a page with its controls, in document order."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: list | None = None
        self._option_text: list[str] = []
        self._textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self._form = Form(attrs.get("action", ""), attrs.get("method") or "get")
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in {"input", "button"}:
            self._form.controls.append(Control(tag, attrs))
        elif tag == "select":
            self._select = Control(tag, attrs)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs]
            self._option_text = []
            self._select.options.append(self._option)
        elif tag == "textarea":
            self._textarea = Control(tag, attrs)
            self._textarea.value = ""
            self._form.controls.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag in {"option", "select"} and self._option is not None:
            if self._option[0] is None:  # an option without a value attribute sends its text
                self._option[0] = " ".join("".join(self._option_text).split())
            self._option = None
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]  # HTML drops a newline right after <textarea>
            self._textarea = None
        elif tag == "form":
            self._form = None


def served_form(html: str, action_path: str) -> Form:
    """The page's POST form whose action is action_path."""
    parser = FormParser()
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        if form.method == "post" and urlsplit(form.action).path == action_path:
            return form
    raise ValueError(f"the page has no POST form to {action_path}")


def intake_answers(form: Form, rng: random.Random) -> None:
    """Answer the served intake form as a person would: 1 to 3 concerns, every screening question, about you."""
    concerns = [(name, value) for name in form.names("checkbox", "area-") for value in form.values(name)]
    screening = [name for name in form.names("radio", "screening-")]
    if not concerns or not screening or not form.names("radio", "contact_method"):
        raise ValueError(f"the intake form is missing choices ({len(concerns)} concerns, {len(screening)} questions)")
    if not form.named("csrfmiddlewaretoken", "hidden")[0].value:
        raise ValueError("the intake form's csrfmiddlewaretoken is empty")
    if not form.named("submission_token", "hidden")[0].value:
        raise ValueError("the intake form's submission_token is empty")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 50))
    form.fill("full_name", f"{first} {last} Load")
    form.fill("email", f"{first.lower()}.{last.lower()}.{uuid.uuid4().hex[:12]}@example.com")
    form.fill("phone", f"07700 {rng.randint(900000, 900999)}")
    form.fill("date_of_birth", birth.isoformat())
    form.tick("contact_method", rng.choice(form.values("contact_method")))
    form.fill("goals", rng.choice(GOALS))
    for area, concern in rng.sample(concerns, rng.randint(1, min(3, len(concerns)))):
        form.tick(area, concern)
        severity = f"severity-{area.removeprefix('area-')}"
        severities = [value for value in form.values(severity) if value] if form.has(severity) else []
        if severities and rng.random() < 0.5:
            form.choose(severity, rng.choice(severities))
    for name in screening:
        form.tick(name, "yes" if rng.random() < 0.1 else "no")
    form.tick("consent", form.values("consent")[0])


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
        try:
            form = served_form(html, "/consultation/")
            intake_answers(form, self.rng)
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
        # Every control exactly as a browser sends it: both tokens as served, duplicates and order kept.
        data = form.submission()
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

    def form_step(self, client: HttpSession, path: str, fields: dict, expect_location: str | None = None) -> bool:
        """GET a form as served, fill in `fields`, POST every field of it (its CSRF token included); True when the
        answer is a redirect (to `expect_location` when given)."""
        page = self.view(path, path, client=client)
        if page is None:
            return False
        try:
            form = served_form(page, path)
            for name, value in fields.items():
                form.fill(name, value)
        except ValueError as error:
            events.request.fire(
                request_type="POST", name=path, response_time=0, response_length=0, exception=error, context={}
            )
            return False
        headers = {"Referer": f"{self.host}{path}"}
        with client.post(
            path, data=form.submission(), headers=headers, name=path, allow_redirects=False, catch_response=True
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or (expect_location and location != expect_location):
                response.failure(f"HTTP {response.status_code} {location}: refused: {page_text(response.text)}")
                return False
            response.success()
        return True

    def staff_login(self) -> HttpSession | None:
        """Sign in as a person does, in a session of its own: the login form, then the code from the app."""
        staff = HttpSession(base_url=self.host, request_event=self.environment.events.request, user=self)
        username = f"{STAFF_USERNAME}-{next(STAFF_NUMBERS)}"
        credentials = {"login": username, "password": STAFF_PASSWORD}
        if not self.form_step(staff, "/accounts/login/", credentials, "/accounts/2fa/authenticate/"):
            return None
        if not self.form_step(staff, "/accounts/2fa/authenticate/", {"code": totp_code()}):
            return None
        if "sessionid" not in staff.cookies:
            return None
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
