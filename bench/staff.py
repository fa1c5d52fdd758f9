"""Benchmark of the staff workspace at clinic-chain scale, on PostgreSQL.

Run with `make bench-staff` (BENCH_ROWS=100000 by default). It fills a separate database, `clinic_bench`, with
BENCH_ROWS realistic consultations (bulk inserts, progress shown), then measures in one run, in-process through
Django's WSGI handler: a baseline (GET /healthz), the queue's first page, a filtered page, a search by name,
and a detail page, with SQL queries per request; and the CSV export of every row in a child process, reporting
its peak memory (RSS). Ratios are against the baseline measured in the same run.
"""

import json
import os
import random
import secrets
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
RESULTS.mkdir(parents=True, exist_ok=True)

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "100"))
ADMIN_URL = os.environ.get("BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
# Production settings, but served over plain HTTP on this machine.
for _name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "false")
os.environ["DATABASE_URL"] = BENCH_URL

FIRST_NAMES = ["Ada", "Grace", "Mary", "Alan", "Lise", "Emmy", "Hedy", "Rosa", "Omar", "Priya", "Chen", "Sofia"]
LAST_NAMES = ["Lovelace", "Hopper", "Seacole", "Turing", "Meitner", "Noether", "Lamarr", "Parks", "Khan", "Patel"]
STATUS_WEIGHTS = {"new": 10, "in-review": 10, "contacted": 15, "booked": 25, "closed": 35, "cancelled": 5}


def database_create() -> None:
    """A fresh bench database, so the app's own data is never touched."""
    import psycopg

    name = BENCH_URL.rsplit("/", 1)[1]
    with psycopg.connect(ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / total)
    rate = done / max(time.perf_counter() - started, 1e-9)
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {rate:,.0f}/s")
    if done == total:
        sys.stderr.write("\n")


def seed(rows: int) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_catalogue", verbosity=0)

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from consultations.models import Consultation, Note, ReportedConcern, ScreeningAnswer
    from consultations.rules import current_rules
    from consultations.suggestions import Answers, suggest
    from treatments.models import Area, Concern, Precaution

    User = get_user_model()
    staff_group = Group.objects.get(name="Staff")
    staff = []
    for number in range(8):
        user = User.objects.create_user(f"staff{number}", f"staff{number}@clinic.example", "bench-password-123")
        user.groups.add(staff_group)
        staff.append(user)

    rules = current_rules()
    pairs = sorted(rules.sensible_pairs())
    areas = {a.slug: a.pk for a in Area.objects.all()}
    concerns = {c.slug: c.pk for c in Concern.objects.all()}
    precautions = list(Precaution.objects.values_list("pk", "slug", "question"))
    rng = random.Random(2026)
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for offset in range(0, rows, batch):
        consultations, picks = [], []
        for _ in range(min(batch, rows - offset)):
            chosen = rng.sample(pairs, rng.randint(1, 3))
            yes = {slug for _, slug, _ in precautions if rng.random() < 0.1}
            result = suggest(Answers(concerns=frozenset(chosen), precautions=frozenset(yes)), rules).as_dict()
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            consultations.append(
                Consultation(
                    submission_token=uuid.uuid4(),
                    full_name=f"{first} {last} {rng.randint(1, 9999)}",
                    email=f"{first.lower()}.{last.lower()}{rng.randint(1, 99999)}@example.com",
                    phone=f"07700 {rng.randint(100000, 999999)}",
                    date_of_birth=date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 50)),
                    contact_method=rng.choice(["email", "phone", "text"]),
                    consent_version="2026-11-v1",
                    consented_at=now,
                    status=rng.choices(statuses, weights)[0],
                    suggestion=result,
                    rules_version=rules.version,
                    has_flags=bool(result["flags"]),
                    suggested_treatments=",{},".format(",".join(s["treatment"] for s in result["suggestions"])),
                    assigned_to=rng.choice(staff) if rng.random() < 0.7 else None,
                )
            )
            picks.append((chosen, yes))
        created = Consultation.objects.bulk_create(consultations)
        # Three years of submissions, spread evenly.
        stamps = {c.pk: now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60)) for c in created}
        Consultation.objects.bulk_update(
            [Consultation(pk=pk, created_at=at) for pk, at in stamps.items()], ["created_at"], batch_size=batch
        )
        ReportedConcern.objects.bulk_create(
            ReportedConcern(consultation_id=c.pk, area_id=areas[a], concern_id=concerns[k])
            for c, (chosen, _) in zip(created, picks, strict=True)
            for a, k in chosen
        )
        ScreeningAnswer.objects.bulk_create(
            ScreeningAnswer(consultation_id=c.pk, precaution_id=pk, question=question, answer=slug in yes)
            for c, (_, yes) in zip(created, picks, strict=True)
            for pk, slug, question in precautions
        )
        Note.objects.bulk_create(
            Note(consultation_id=c.pk, author=rng.choice(staff), text="Called the patient.")
            for c in created
            if rng.random() < 0.5
        )
        progress("seeding", offset + len(created), rows, started)
    elapsed = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"rows": rows, "seconds": elapsed, "rows_per_second": rows / elapsed}


def timed(client, path, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches
    timings, queries = [], 0
    for _ in range(count):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        queries = len(captured.captured_queries)
    timings.sort()
    return {
        "rps": count / sum(timings),
        "p50_ms": timings[len(timings) // 2] * 1000,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000,
        "queries": queries,
    }


def measure() -> dict:
    from django.test import Client

    from consultations.models import Consultation

    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="staff0"))
    sample = Consultation.objects.order_by("-created_at").values_list("reference", "full_name")[500]
    endpoints = {
        "baseline": "/healthz",
        "staff_queue": "/staff/",
        "staff_filtered": "/staff/?status=booked&has_flags=true&treatment=botox",
        "staff_search": f"/staff/?q={sample[1].split()[0]}+{sample[1].split()[1]}",
        "staff_detail": f"/staff/consultations/{sample[0]}/",
    }
    results = {name: timed(client, path, REQUESTS) for name, path in endpoints.items()}
    for figures in results.values():
        figures["ratio"] = figures["rps"] / results["baseline"]["rps"]
    return results


def csv_export_peak() -> dict:
    """Stream the CSV of every row in a child process and report its peak memory."""
    code = (
        "import django, resource, time; django.setup();"
        "from consultations.exports import csv_rows; from consultations.models import Consultation;"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter();"
        "n = sum(1 for _ in csv_rows(Consultation.objects.order_by('-created_at', '-id')));"
        "print(n, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - t)"
    )
    output = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy(), cwd=ROOT
    ).stdout.split()
    lines, before_kb, peak_kb, seconds = int(output[0]), int(output[1]), int(output[2]), float(output[3])
    return {"rows": lines - 1, "peak_rss_mb": peak_kb / 1024, "rss_before_mb": before_kb / 1024, "seconds": seconds}


def main():
    database_create()
    seeding = seed(ROWS)
    endpoints = measure()
    export = csv_export_peak()
    rows, seconds, rate = seeding["rows"], seeding["seconds"], seeding["rows_per_second"]
    print(f"\nSeeded {rows:,} consultations in {seconds:.0f} s ({rate:,.0f}/s)")
    print("\n| endpoint | requests/s | p50 ms | p99 ms | SQL queries | ratio to baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, f in endpoints.items():
        print(
            f"| {name} | {f['rps']:,.0f} | {f['p50_ms']:.2f} | {f['p99_ms']:.2f} | {f['queries']} | {f['ratio']:.2f} |"
        )
    print(
        f"\nCSV export of {export['rows']:,} rows: {export['seconds']:.1f} s, peak RSS {export['peak_rss_mb']:.0f} MB "
        f"(after start-up {export['rss_before_mb']:.0f} MB)"
    )
    print("(in-process through Django's WSGI handler; baseline = GET /healthz through the same middleware)")
    (RESULTS / "staff.json").write_text(
        json.dumps({"seeding": seeding, "endpoints": endpoints, "csv_export": export}, indent=2)
    )


if __name__ == "__main__":
    main()
