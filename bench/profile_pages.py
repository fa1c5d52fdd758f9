"""Profile the staff pages in-process against the benchmark database: `make profile` (after one `make bench`).

Django's test client, logged in as the bench's staff0, with the bench's production-like settings (DEBUG off,
Redis as the cache), requests each page BENCH_PROFILE_REQUESTS times (200) after a warm-up and prints:
  - the mean wall time per request and the SQL queries per request, page by page;
  - a pyinstrument profile of all of them together, when pyinstrument is installed (`pip install pyinstrument`).

The database is the one `make bench` left behind (clinic_bench, or BENCH_DATABASE_URL): nothing is seeded here.
"""

import os
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import seed  # noqa: E402 - bench/seed.py, next to this file

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "200"))


def main() -> int:
    os.environ.update(seed.app_environment())
    import django

    django.setup()
    from django.db import connection

    reference, full_name = seed.sample_consultation()
    pages = {
        "staff_queue": "/staff/",
        "staff_filtered": "/staff/?status=booked&has_flags=true&treatment=botox",
        "staff_search": "/staff/?" + urllib.parse.urlencode({"q": full_name}),
        "staff_detail": f"/staff/consultations/{reference}/",
    }
    only = [name for name in sys.argv[1:] if name in pages]
    if only:
        pages = {name: pages[name] for name in only}
    client = seed.client_signed_in("staff0")
    for path in pages.values():
        for _ in range(3):
            assert client.get(path).status_code == 200, path  # noqa: S101 - a broken page is no profile

    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    profiler = Profiler(interval=0.0005) if Profiler else None
    print(f"{'page':<16} {'ms/request':>10} {'queries':>8}")
    for name, path in pages.items():
        executed = []

        def counted(execute, sql, *args, seen=executed):
            seen.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(counted):
            client.get(path)
        if profiler:
            profiler.start()
        started = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(path)
        elapsed = (time.perf_counter() - started) / REQUESTS
        if profiler:
            profiler.stop()
        print(f"{name:<16} {elapsed * 1000:>10.2f} {len(executed):>8}", flush=True)
    if profiler:
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
