"""Benchmark of the suggestion engine and the intake page through the whole Django stack.

Run with `make bench`. It builds a fresh database (SQLite in bench/results/ unless DATABASE_URL is set),
loads the seeded catalogue, then measures in one run:
  - the engine alone: suggestions per second over random valid intakes with the seeded rules;
  - GET /healthz (the baseline: the same middleware, one trivial query), GET and POST /consultation/,
    in-process through Django's WSGI handler, with the SQL queries each one runs.
Ratios are against the baseline measured in the same run, because the machine is noisy.
"""

import json
import os
import random
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

RESULTS.mkdir(parents=True, exist_ok=True)
DB_FILE = RESULTS / "bench-intake.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
# Production settings, but served over plain HTTP on this machine.
for _name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "false")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ.setdefault("INTAKE_SUBMISSIONS_PER_HOUR", "1000000")
os.environ.setdefault("STAFF_NOTIFICATION_EMAILS", "")
os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

ENGINE_CALLS = int(os.environ.get("BENCH_ENGINE_CALLS", "20000"))
HTTP_REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "300"))


def setup_database():
    import django
    from django.core.management import call_command

    if DB_FILE.exists() and "sqlite" in os.environ["DATABASE_URL"]:
        DB_FILE.unlink()
    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def random_answers(rules, rng):
    from consultations.suggestions import Answers, EarlierTreatment

    pairs = sorted(rules.sensible_pairs())
    return Answers(
        concerns=frozenset(rng.sample(pairs, rng.randint(1, 4))),
        precautions=frozenset(p.slug for p in rules.precautions if rng.random() < 0.2),
        earlier=tuple(EarlierTreatment(t.slug, rng.randint(0, 30)) for t in rules.treatments if rng.random() < 0.3),
    )


def bench_engine():
    from consultations.rules import rules_from_database
    from consultations.suggestions import suggest

    rules = rules_from_database()
    rng = random.Random(42)
    intakes = [random_answers(rules, rng) for _ in range(ENGINE_CALLS)]
    started = time.perf_counter()
    for answers in intakes:
        suggest(answers, rules)
    elapsed = time.perf_counter() - started
    return {"calls": ENGINE_CALLS, "per_second": ENGINE_CALLS / elapsed, "mean_us": elapsed / ENGINE_CALLS * 1e6}


def intake_post_data(rules, rng, token):
    answers = random_answers(rules, rng)
    data = {
        "full_name": "Bench Patient",
        "email": "bench@example.com",
        "date_of_birth": "1980-01-01",
        "contact_method": "email",
        "consent": "on",
        "submission_token": token,
    }
    for area, concern in answers.concerns:
        data.setdefault(f"area-{area}", []).append(concern)
    for precaution in rules.precautions:
        data[f"screening-{precaution.slug}"] = "yes" if precaution.slug in answers.precautions else "no"
    return data


def timed_requests(client, make_request, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for i in range(count):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = make_request(i)
            timings.append(time.perf_counter() - started)
        if response.status_code not in (200, 302):
            raise RuntimeError(f"request {i} answered {response.status_code}")
        queries.append(len(captured.captured_queries))
    timings.sort()
    return {
        "rps": count / sum(timings),
        "p50_ms": statistics.median(timings) * 1000,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000,
        "queries": max(queries[1:] or queries),  # the first request may fill the rules cache
    }


def bench_http():
    from django.test import Client

    from consultations.rules import current_rules

    client = Client()
    rules = current_rules()
    rng = random.Random(7)
    get = timed_requests(client, lambda i: client.get("/consultation/"), HTTP_REQUESTS)
    baseline = timed_requests(client, lambda i: client.get("/healthz"), HTTP_REQUESTS)
    post = timed_requests(
        client,
        lambda i: client.post("/consultation/", intake_post_data(rules, rng, str(uuid.uuid4()))),
        HTTP_REQUESTS,
    )
    results = {"baseline": baseline, "intake_get": get, "intake_post": post}
    for figures in results.values():
        figures["ratio"] = figures["rps"] / baseline["rps"]
    return results


def main():
    setup_database()
    engine = bench_engine()
    http = bench_http()
    rate, mean = engine["per_second"], engine["mean_us"]
    print(f"\nEngine: {rate:,.0f} suggestions/s, {mean:.1f} µs each ({engine['calls']} random intakes)")
    print("\n| endpoint | requests/s | p50 ms | p99 ms | SQL queries | ratio to baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, f in http.items():
        print(
            f"| {name} | {f['rps']:,.0f} | {f['p50_ms']:.2f} | {f['p99_ms']:.2f} | {f['queries']} | {f['ratio']:.2f} |"
        )
    print("\n(in-process through Django's WSGI handler; baseline = GET /healthz through the same middleware)")
    (RESULTS / "intake.json").write_text(json.dumps({"engine": engine, "endpoints": http}, indent=2))


if __name__ == "__main__":
    main()
