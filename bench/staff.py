"""Benchmark of the staff workspace at clinic-chain scale, on PostgreSQL, in-process.

Run with `.venv/bin/python bench/staff.py` (BENCH_ROWS=100000 by default). It fills a separate database,
`clinic_bench`, with BENCH_ROWS realistic consultations (COPY, through bench/seed.py, progress shown), then
measures in one run, in-process through Django's WSGI handler: a baseline (GET /healthz), the queue's first page,
a filtered page, a search by name, and a detail page, with SQL queries per request; and the CSV export of every
row in a child process, reporting its peak memory (RSS). Ratios are against the baseline measured in the same run.
bench/http_bench.py (`make bench`) measures the same pages through gunicorn with wrk.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS.mkdir(parents=True, exist_ok=True)

import seed  # noqa: E402 - bench/seed.py, next to this file

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "100"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
# Production settings, but served over plain HTTP on this machine.
for _name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "false")
os.environ["DATABASE_URL"] = seed.BENCH_URL


def seed_database(rows: int) -> dict:
    import django

    seed.database_create()
    django.setup()
    seed.prepare()
    return seed.seed(rows)


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

    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="staff0"))
    sample = seed.sample_consultation()
    endpoints = {
        "baseline": "/healthz",
        "staff_queue": "/staff/",
        "staff_filtered": "/staff/?status=booked&has_flags=true&treatment=botox",
        "staff_search": "/staff/?" + urlencode({"q": sample[1]}),
        "staff_detail": f"/staff/consultations/{sample[0]}/",
    }
    results = {name: timed(client, path, REQUESTS) for name, path in endpoints.items()}
    for figures in results.values():
        figures["ratio"] = figures["rps"] / results["baseline"]["rps"]
    return results


def csv_export_peak() -> dict:
    """Stream the CSV of every row in a child process and report its peak memory."""
    # VmHWM, not getrusage's ru_maxrss: execve keeps the forking parent's high-water mark in ru_maxrss.
    code = (
        "import re, time, django; django.setup();"
        "from consultations.exports import csv_rows; from consultations.models import Consultation;"
        "hwm = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1));"
        "before = hwm(); t = time.perf_counter();"
        "n = sum(1 for _ in csv_rows(Consultation.objects.order_by('-created_at', '-id')));"
        "print(n, before, hwm(), time.perf_counter() - t)"
    )
    output = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy(), cwd=ROOT
    ).stdout.split()
    lines, before_kb, peak_kb, seconds = int(output[0]), int(output[1]), int(output[2]), float(output[3])
    return {"rows": lines - 1, "peak_rss_mb": peak_kb / 1024, "rss_before_mb": before_kb / 1024, "seconds": seconds}


def main():
    seeding = seed_database(ROWS)
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
