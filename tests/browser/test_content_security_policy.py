"""Every page keeps to the Content-Security-Policy in Chromium: no blocked inline script or style, no foreign source.

The policy (settings.CONTENT_SECURITY_POLICY, sent by django-csp) allows only our own origin for scripts and styles,
so an inline <script>, a <style> element, a style="..." attribute or an on*="..." handler is refused by the browser.
Each page is loaded with a `securitypolicyviolation` listener installed before any of its own code runs, and the
console is watched for Chromium's "Refused to ... Content Security Policy" messages. One test per area (public,
patient, staff, admin), at the phone and desktop widths of the `page` fixture, so a failure points at the area.

Not visited: the 500 page. No URL crashes on purpose; tests/clinic/test_error_pages.py renders it (it extends
base.html, which every page here uses too).
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.stepped_form import SEND, about_you, to_last_step_answering
from tests.sign_in_page import sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "clinic-demo-pass"  # noqa: S105 - the published demo password

# Installed in every document before its own scripts run; the event bubbles from the offending element to window.
LISTENER = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    violatedDirective: event.violatedDirective,
    effectiveDirective: event.effectiveDirective,
    blockedURI: event.blockedURI,
    sourceFile: event.sourceFile,
    lineNumber: event.lineNumber,
    columnNumber: event.columnNumber,
    sample: event.sample,
  });
}, true);
"""


def reference_of(full_name: str) -> str:
    from consultations.models import Consultation

    return Consultation.objects.get(full_name=full_name).reference


class CspRecorder:
    """Visits pages and keeps every CSP violation (DOM event or console message), labelled by page."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.label = "(before the first page)"
        self.html_lines: list[str] = []
        self.visited: list[str] = []
        self.violations: list[str] = []
        self.console: list[str] = []
        self.problems: list[str] = []
        page.add_init_script(LISTENER)  # runs again in every new document: each navigation gets a fresh listener
        page.on("console", self._console_message)

    def _console_message(self, message) -> None:
        if "Content Security Policy" in message.text:
            where = message.location
            self.console.append(
                f"{self.label}: console {message.type} at {where.get('url')}:{where.get('lineNumber')}: {message.text}"
            )

    def visit(self, label: str, path: str, status: int = 200) -> None:
        """Load the page, wait for the network to settle, and record its violations."""
        self.label = label
        response = self.page.goto(self.base_url + path, wait_until="networkidle")
        self._loaded(response, path, status)

    def submit(self, label: str, selector: str, path: str, status: int = 200) -> None:
        """Click a submit button and record the violations of the page the form leads to."""
        self.label = label
        with self.page.expect_navigation(wait_until="networkidle") as navigation:
            self.page.click(selector)
        self._loaded(navigation.value, path, status)

    def _loaded(self, response, path: str, status: int) -> None:
        actual = urlsplit(self.page.url).path
        if response is None or response.status != status or actual != urlsplit(path).path:
            got = response.status if response else "no response"
            self.problems.append(f"{self.label}: expected {path} with {status}, got {actual} with {got}")
        self.html_lines = response.text().splitlines() if response else []
        self.visited.append(f"{self.label} ({path})")
        self.collect()

    def collect(self, label: str | None = None) -> None:
        """Record what the current document reported so far; with a label, for a state reached without navigating."""
        if label:
            self.label = label
            self.visited.append(f"{label} ({urlsplit(self.page.url).path}, same document)")
        self.page.wait_for_load_state("networkidle")
        found = self.page.evaluate("() => (window.__cspViolations || []).splice(0)")
        for v in found:
            markup = ""
            if v["sourceFile"] == self.page.url.split("#")[0] and 0 < v["lineNumber"] <= len(self.html_lines):
                markup = f"\n      markup at that line: {self.html_lines[v['lineNumber'] - 1].strip()[:300]}"
            self.violations.append(
                f"{self.label}: {v['violatedDirective']} (effective {v['effectiveDirective']}) blocked "
                f"{v['blockedURI'] or '?'} in {v['sourceFile'] or '?'}:{v['lineNumber']}:{v['columnNumber']}"
                f" sample={v['sample']!r}{markup}"
            )

    def log_in(self, username: str) -> None:
        """Log in through the real login form, as a person would; the login page itself is checked too."""
        self.page.context.clear_cookies()
        self.visit(f"login form ({username})", "/accounts/login/")
        sign_in_page(self.page, self.base_url, username, PASSWORD)
        self.page.wait_for_url(lambda url: "/accounts/" not in url)
        self.label = f"landing after login ({username})"
        self.collect()

    def assert_clean(self) -> None:
        viewport = self.page.viewport_name
        report = []
        if self.problems:
            report += ["Pages not reached as expected:", *(f"  {p}" for p in self.problems)]
        if self.violations:
            report += [f"CSP violations at {viewport} ({len(self.violations)}):", *(f"  {v}" for v in self.violations)]
        if self.console:
            report += ["CSP console messages:", *(f"  {c}" for c in self.console)]
        assert not report, "\n".join([*report, f"Pages visited ({len(self.visited)}): " + "; ".join(self.visited)])


def test_public_pages_keep_to_the_csp(page, demo_site):
    from treatments.models import Treatment

    csp = CspRecorder(page, demo_site)
    csp.visit("home", "/")
    csp.visit("treatments library", "/treatments/")
    for slug in Treatment.objects.published().values_list("slug", flat=True):
        csp.visit(f"treatment detail {slug}", f"/treatments/{slug}/")
    csp.visit("compare", "/treatments/compare/")
    csp.visit("intake form", "/consultation/")
    page.locator("#body-chart svg").wait_for(state="attached")  # drawn, on the second step
    csp.collect("intake form with the body chart drawn")
    about_you(page)
    to_last_step_answering(page)
    csp.collect("intake form at its last step")
    # Not a number, set behind Next's back: refused by the server, which sends the form back.
    page.locator("#id_phone").evaluate("node => { node.value = 'ask for Ada'; }")
    csp.submit("intake form sent back with errors", SEND, "/consultation/")
    assert page.locator("#error-summary").is_visible()
    csp.visit("a saved form's link that does not work", "/consultation/resume/not-a-token/", status=404)
    csp.visit("result page, locked for a stranger", f"/consultation/{reference_of('Ada Lovelace')}/", status=403)
    csp.visit("login", "/accounts/login/")
    csp.visit("sign-up", "/accounts/signup/")
    csp.visit("password reset", "/accounts/password/reset/")
    csp.visit("404 page", "/no-such-page/", status=404)
    csp.assert_clean()


def test_patient_pages_keep_to_the_csp(page, demo_site):
    csp = CspRecorder(page, demo_site)
    csp.log_in("patient")
    csp.visit("my consultations", "/me/")
    csp.visit("my consultation", f"/me/consultations/{reference_of('Ada Lovelace')}/")
    csp.visit("result page of my consultation", f"/consultation/{reference_of('Ada Lovelace')}/")
    csp.visit("delete my data", "/me/delete/")
    csp.assert_clean()


def test_staff_pages_keep_to_the_csp(page, demo_site):
    reference = reference_of("Ada Lovelace")
    csp = CspRecorder(page, demo_site)
    csp.log_in("staff")
    csp.visit("staff queue", "/staff/")
    details = page.locator("details.queue-filters")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.locator("#id_q").wait_for(state="visible")
    csp.collect("staff queue with filters opened")
    csp.visit("staff queue filtered", "/staff/?q=Ada")
    csp.visit("staff detail", f"/staff/consultations/{reference}/")
    csp.visit("staff print view", f"/staff/consultations/{reference}/print/")
    csp.assert_clean()


def test_admin_pages_keep_to_the_csp(page, demo_site):
    from django.contrib.auth import get_user_model

    from treatments.models import Precaution, Treatment

    botox = Treatment.objects.get(slug="botox").pk
    botox_record = Treatment.history.filter(id=botox).first().history_id
    precaution = Precaution.objects.order_by("position").first().pk
    patient = get_user_model().objects.get(username="patient").pk

    csp = CspRecorder(page, demo_site)
    csp.log_in("admin")
    csp.visit("admin index (admin)", "/admin/")
    csp.visit("treatment list", "/admin/treatments/treatment/")
    csp.visit("Botox change form (admin)", f"/admin/treatments/treatment/{botox}/change/")
    # The admin's own scripts at work: a new inline row, an area picked in it, the collapsed web address opened.
    page.locator("#indications-group .add-row a").click()
    page.locator("#indications-group tr.dynamic-indications select[name$='-area']").last.select_option(index=1)
    page.get_by_text("Web address", exact=True).click()
    page.locator("#id_slug").wait_for()
    csp.collect("Botox change form with an inline row added and the web address opened")
    csp.visit("treatment add form", "/admin/treatments/treatment/add/")
    page.locator("#id_name").press_sequentially("Skin booster")
    assert page.locator("#id_slug").input_value() == "skin-booster"
    csp.collect("treatment add form with the slug prepopulated")
    csp.visit("precaution change form", f"/admin/treatments/precaution/{precaution}/change/")
    page.locator("#id_treatments_remove_all").click()
    page.locator("#id_treatments_add_all").click()
    csp.collect("precaution change form after 'Remove all' and 'Choose all' in the filter_horizontal widget")
    csp.visit("indication list filtered", f"/admin/treatments/indication/?treatment__id__exact={botox}")
    csp.visit("Botox history", f"/admin/treatments/treatment/{botox}/history/")
    csp.visit("Botox historical record", f"/admin/treatments/treatment/{botox}/history/{botox_record}/")
    csp.visit("audit event list", "/admin/audit/auditevent/")
    csp.visit("user list", "/admin/auth/user/")
    csp.visit("user change form", f"/admin/auth/user/{patient}/change/")
    csp.log_in("editor")
    csp.visit("admin index (editor)", "/admin/")
    csp.visit("Botox change form (editor)", f"/admin/treatments/treatment/{botox}/change/")
    csp.assert_clean()
