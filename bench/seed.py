"""Seeds the benchmark database: a fresh PostgreSQL database with N realistic consultations, loaded with COPY.

Used by bench/http_bench.py (`make bench`); bench/loadtest.py and bench/profile_pages.py share its app environment.
The database, `clinic_bench` by default (BENCH_DATABASE_URL), is dropped and made anew on every run, so nothing
else is touched.

The consultations are spread as a clinic chain's would be: three years of submissions (newer ones more often
still open, older ones mostly closed), one to three (area, concern) pairs each with a severity, the six screening
answers (about one in ten a yes), notes and status changes by several staff, most assigned to someone. The
suggestion shown is the engine's real result: computed once per distinct (pairs, yes-answers) combination and
reused, with the denormalised columns (has_flags, suggested_treatments) taken from it as the app's service does.

Rows go in with PostgreSQL's COPY through psycopg 3, in batches on one connection, with the foreign-key triggers
off for the load (session_replication_role = replica: every key is generated consistently here); then the id
sequences are moved past the loaded rows and the tables vacuumed and analysed.
"""

import json
import os
import random
import secrets
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from totp import second_factor_enrol  # bench/totp.py, next to this file

ADMIN_URL = os.environ.get("BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

STAFF_COUNT = 8
STAFF_PASSWORD = "bench-staff-password-2026"  # noqa: S105 - a throwaway account in a throwaway database
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "bench-admin-password-2026"  # noqa: S105 - a throwaway account in a throwaway database
BATCH = 20_000

FIRST_NAMES = (
    "Ada", "Grace", "Mary", "Alan", "Lise", "Emmy", "Hedy", "Rosa", "Omar", "Priya", "Chen", "Sofia", "Amara", "Bea",
    "Carmen", "Dilys", "Eve", "Fatima", "Gwen", "Hana", "Ines", "Joan", "Keiko", "Lena", "Maya", "Nadia", "Olga",
    "Pilar", "Rhea", "Sana", "Tara", "Una", "Vera", "Wanda", "Yara", "Zoe", "Aled", "Bram", "Cai", "Dev", "Eoin",
)  # fmt: skip
_REAL_LAST_NAMES = (
    "Lovelace", "Hopper", "Seacole", "Turing", "Meitner", "Noether", "Lamarr", "Parks", "Khan", "Patel", "Okafor",
    "Jones", "Evans", "Nguyen", "Kowalski", "Murphy", "Rossi", "Garcia", "Schmidt", "Dubois", "Silva", "Novak",
    "Haddad", "Sato", "Kim", "Larsen", "Byrne", "Moreau", "Costa", "Ahmed", "Mensah", "Reyes", "Ivanova", "Fischer",
    "Lindqvist", "Oduya", "Price", "Walsh", "Hughes", "Bevan",
)  # fmt: skip
# Surnames such as Ashford or Thornwell: about 400 with the real ones, so a full name matches a handful of patients
# per 100,000 and a search by name has to look through much of the table, as it would in a real clinic chain.
_PREFIXES = (
    "Ash", "Black", "Brad", "Brook", "Clay", "Cole", "Craw", "Dal", "Elm", "Fair", "Green", "Hal", "Hart", "Hay",
    "Holt", "Kings", "Lang", "Mar", "Mid", "North", "Oak", "Pem", "Ridge", "Rad", "Stan", "Thorn", "Wal", "West",
    "Whit", "Wood",
)  # fmt: skip
_SUFFIXES = ("by", "den", "field", "ford", "ham", "ley", "more", "ridge", "ton", "well", "wood", "worth")
LAST_NAMES = _REAL_LAST_NAMES + tuple(p + s for p in _PREFIXES for s in _SUFFIXES if p.lower() != s)
GOALS = (
    "",
    "",
    "",
    "Look less tired.",
    "Soften my frown lines.",
    "Less sweating at work.",
    "Fuller lips, but natural.",
    "Smooth the lines around my eyes before a wedding.",
)
NOTES = (
    "Called the patient, no answer; left a voicemail.",
    "Called the patient. Booked a consultation.",
    "Emailed the patient with the price list.",
    "Patient asked to be called back after 5pm.",
    "Reviewed the screening answers: fine to proceed.",
    "Practitioner to check the flagged answer at the appointment.",
)
SEVERITIES = ("", "", "mild", "moderate", "marked")
# Status paths through the workflow; the last step is the current status.
PATHS = {
    "new": ("new",),
    "in-review": ("new", "in-review"),
    "contacted": ("new", "contacted"),
    "booked": ("new", "contacted", "booked"),
    "closed": ("new", "contacted", "booked", "closed"),
    "cancelled": ("new", "cancelled"),
}
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

CONSULTATION_COLUMNS = (
    "id",
    "reference",
    "submission_token",
    "full_name",
    "email",
    "phone",
    "date_of_birth",
    "contact_method",
    "goals",
    "consent_version",
    "consented_at",
    "status",
    "suggestion",
    "rules_version",
    "created_at",
    "updated_at",
    "patient_id",
    "assigned_to_id",
    "plan_notes",
    "version",
    "has_flags",
    "flag_labels",
    "suggested_treatments",
    "anonymised_at",
    "channel",
)
CHILD_COLUMNS = {
    "consultations_reportedconcern": ("consultation_id", "area_id", "concern_id", "severity"),
    "consultations_screeninganswer": ("consultation_id", "precaution_id", "question", "answer", "detail"),
    "consultations_note": ("consultation_id", "author_id", "text", "created_at"),
    "consultations_statuschange": ("consultation_id", "changed_by_id", "from_status", "to_status", "changed_at"),
}
TABLES = (
    "consultations_consultation",
    "consultations_reportedconcern",
    "consultations_screeninganswer",
    "consultations_note",
    "consultations_statuschange",
)


def app_environment(database_url: str = BENCH_URL, redis_url: str | None = None, **overrides: str) -> dict:
    """The app's environment for every bench and load-test run: production settings, plain HTTP on loopback.

    DEBUG off, a random secret key, no demo data; HTTPS redirect and secure cookies off (there is no TLS on
    127.0.0.1); the per-address intake limit lifted, since every request comes from 127.0.0.1; no mail sent.
    """
    environment = {
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_DEMO_MODE": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SESSION_COOKIE_SECURE": "false",
        "DJANGO_CSRF_COOKIE_SECURE": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL if redis_url is None else redis_url,
        # Every simulated person comes from 127.0.0.1: the per-address limits would count them as one client.
        "INTAKE_SUBMISSIONS_PER_HOUR": "1000000000",
        "ACCOUNT_POSTS_PER_ADDRESS": "1000000000",
        "STAFF_NOTIFICATION_EMAILS": "",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    environment.update(overrides)
    return environment


def gunicorn_stop(server, wait_seconds: float = 30) -> None:
    """Stop a gunicorn started by a bench run: TERM, then KILL if it has not exited within wait_seconds."""
    import subprocess

    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=wait_seconds)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def database_name() -> str:
    return BENCH_URL.rsplit("/", 1)[1]


def database_create() -> None:
    """A fresh bench database, so the app's own data is never touched."""
    import psycopg

    name = database_name()
    with psycopg.connect(libpq(ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.perf_counter() - started, 1e-9)
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {rate:,.0f}/s ")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def prepare() -> None:
    """Schema, cache table and catalogue in the bench database (Django must be set up against it)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_catalogue", verbosity=0)


def staff_create(count: int = STAFF_COUNT) -> list[int]:
    """Staff users staff0..staffN-1 in the Staff group; staff0 has STAFF_PASSWORD (one hash is enough)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.roles import STAFF

    User = get_user_model()
    group = Group.objects.get(name=STAFF)
    ids = []
    for number in range(count):
        user = User(username=f"staff{number}", email=f"staff{number}@clinic.example", first_name=f"Staff {number}")
        if number == 0:
            user.set_password(STAFF_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(group)
        if number == 0:
            second_factor_enrol(user)
        ids.append(user.pk)
    return ids


def client_signed_in(username: str):
    """A Django test Client signed in as `username` the way the login form and its code leave a session: in-process
    page counts and profiles use it (a second sign-in over HTTP within 30 s could not reuse the code)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username=username)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": now}, {"method": "mfa", "at": now}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def admin_create() -> int:
    """A superuser, ADMIN_USERNAME with ADMIN_PASSWORD, for the admin's changelist (the peer of the staff queue)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser(ADMIN_USERNAME, "admin@clinic.example", ADMIN_PASSWORD)
    second_factor_enrol(user)
    return user.pk


def _text(value: str) -> str:
    """A value in COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


class _Suggestions:
    """The engine's result per distinct (pairs, yes-answers), computed once and reused."""

    def __init__(self, rules):
        from consultations.suggestions import Answers, suggest

        self.rules, self.suggest, self.answers = rules, suggest, Answers
        self.memo: dict = {}

    def get(self, pairs: frozenset, yes: frozenset) -> tuple[str, str, str, str]:
        key = (pairs, yes)
        found = self.memo.get(key)
        if found is None:
            result = self.suggest(self.answers(concerns=pairs, precautions=yes), self.rules).as_dict()
            suggested = ",{},".format(",".join(s["treatment"] for s in result["suggestions"]))
            found = (
                _text(json.dumps(result, ensure_ascii=False)),
                "t" if result["flags"] else "f",
                _text(json.dumps([flag["label"] for flag in result["flags"]], ensure_ascii=False)),
                _text(suggested),
            )
            self.memo[key] = found
        return found


def _check_columns(conn) -> None:
    """Fail clearly if a model gained a required column this seeder does not fill."""
    known = {"consultations_consultation": set(CONSULTATION_COLUMNS)}
    known.update({table: {"id", *columns} for table, columns in CHILD_COLUMNS.items()})
    missing = []
    for table, columns in known.items():
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL",
            [table],
        ).fetchall()
        missing += [f"{table}.{name}" for (name,) in rows if name not in columns]
    if missing:
        raise RuntimeError(f"bench/seed.py does not fill these required columns: {', '.join(missing)}")


def seed(rows: int, *, staff_ids: list[int] | None = None, seed_value: int = 2026) -> dict:
    """Load `rows` consultations and their children with COPY. Django must be set up against the bench DB."""
    import psycopg
    from django.utils import timezone
    from psycopg import sql

    from consultations.consent import CONSENT_VERSION
    from consultations.rules import rules_from_database
    from treatments.models import Area, Concern, Precaution

    staff_ids = staff_ids or staff_create()
    rules = rules_from_database()
    pairs = sorted(rules.sensible_pairs())
    areas = dict(Area.objects.values_list("slug", "pk"))
    concerns = dict(Concern.objects.values_list("slug", "pk"))
    precautions = list(Precaution.objects.order_by("position", "pk").values_list("pk", "slug", "question"))
    suggestions = _Suggestions(rules)
    rng = random.Random(seed_value)
    now = timezone.now().astimezone(UTC).replace(microsecond=0)
    span = 3 * 365 * 24 * 3600
    # Submissions evenly spread over three years, ids in submission order as in real life.
    offsets = sorted((rng.randrange(span) for _ in range(rows)), reverse=True)
    staff_text = [str(pk) for pk in staff_ids]
    pair_ids = {(a, c): f"{areas[a]}\t{concerns[c]}" for a, c in pairs}
    # One screening block per set of yes-answers: "<cid>" joined in front of each precaution's line.
    screening_blocks: dict[frozenset, tuple[str, ...]] = {}
    questions = [(str(pk), slug, _text(question)) for pk, slug, question in precautions]
    references: set[str] = set()
    consent = _text(CONSENT_VERSION)
    counts = dict.fromkeys(TABLES, 0)

    started = time.perf_counter()
    with psycopg.connect(libpq(BENCH_URL)) as conn:
        _check_columns(conn)
        # Keys are consistent by construction: skip the per-row foreign-key triggers during the load.
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        cursor = conn.cursor()
        for start in range(0, rows, BATCH):
            end = min(rows, start + BATCH)
            lines = {table: [] for table in TABLES}
            for index in range(start, end):
                cid = index + 1
                cid_text = str(cid)
                created = now - timedelta(seconds=offsets[index])
                age_days = offsets[index] / 86400
                if age_days < 7:
                    status = rng.choices(("new", "in-review", "contacted", "booked"), (60, 20, 15, 5))[0]
                elif age_days < 60:
                    status = rng.choices(("new", "in-review", "contacted", "booked", "cancelled"), (5, 15, 30, 45, 5))[
                        0
                    ]
                else:
                    status = rng.choices(("contacted", "booked", "closed", "cancelled"), (5, 15, 70, 10))[0]
                chosen = rng.sample(pairs, rng.choices((1, 2, 3), (50, 35, 15))[0])
                yes = frozenset(slug for _, slug, _ in questions if rng.random() < 0.1)
                suggestion, flags, flag_labels, suggested = suggestions.get(frozenset(chosen), yes)
                reference = "".join(rng.choices(REFERENCE_ALPHABET, k=12))
                while reference in references:
                    reference = "".join(rng.choices(REFERENCE_ALPHABET, k=12))
                references.add(reference)
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                assignee = rng.choice(staff_text) if status != "new" and rng.random() < 0.8 else "\\N"
                path = PATHS[status]
                # Each status change a few hours to days after the one before.
                moments = [created]
                for _ in path[1:]:
                    moments.append(moments[-1] + timedelta(seconds=rng.randrange(3600, 5 * 86400)))
                moments = [min(moment, now) for moment in moments]
                lines["consultations_consultation"].append(
                    "\t".join(
                        (
                            cid_text,
                            f"{reference[:4]}-{reference[4:8]}-{reference[8:]}",
                            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                            f"{first} {last}",
                            f"{first.lower()}.{last.lower()}{rng.randrange(1, 1000)}@example.com",
                            f"07700 {rng.randrange(900000, 1000000)}" if rng.random() < 0.8 else "",
                            (date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))).isoformat(),
                            rng.choices(("email", "phone", "text"), (60, 25, 15))[0],
                            _text(rng.choice(GOALS)),
                            consent,
                            _stamp(created),
                            status,
                            suggestion,
                            rules.version,
                            _stamp(created),
                            _stamp(moments[-1]),
                            "\\N",
                            assignee,
                            "",
                            str(len(path)),
                            flags,
                            flag_labels,
                            suggested,
                            "\\N",
                            "",  # channel: the patient sent the form themselves
                        )
                    )
                    + "\n"
                )
                for pair in chosen:
                    lines["consultations_reportedconcern"].append(
                        f"{cid_text}\t{pair_ids[pair]}\t{rng.choice(SEVERITIES)}\n"
                    )
                block = screening_blocks.get(yes)
                if block is None:
                    block = ("", *(f"\t{pk}\t{q}\t{'t' if slug in yes else 'f'}\t\n" for pk, slug, q in questions))
                    screening_blocks[yes] = block
                lines["consultations_screeninganswer"].append(cid_text.join(block))
                for step, (before, after) in enumerate(zip(path, path[1:], strict=False), start=1):
                    author = assignee if assignee != "\\N" else rng.choice(staff_text)
                    lines["consultations_statuschange"].append(
                        f"{cid_text}\t{author}\t{before}\t{after}\t{_stamp(moments[step])}\n"
                    )
                    if rng.random() < 0.6:
                        lines["consultations_note"].append(
                            f"{cid_text}\t{author}\t{_text(rng.choice(NOTES))}\t{_stamp(moments[step])}\n"
                        )
            for table in TABLES:
                columns = CONSULTATION_COLUMNS if table == "consultations_consultation" else CHILD_COLUMNS[table]
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    chunk = lines[table]
                    for at in range(0, len(chunk), 5000):
                        copy.write("".join(chunk[at : at + 5000]))
                per_line = len(questions) if table == "consultations_screeninganswer" else 1
                counts[table] += len(lines[table]) * per_line
            conn.commit()
            progress("seeding", end, rows, started)
        loaded = time.perf_counter() - started
        conn.execute("SET session_replication_role = DEFAULT")
        for table in TABLES:
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({name}, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                    "FROM {table}"
                ).format(name=sql.Literal(table), table=sql.Identifier(table))
            )
        conn.commit()
    vacuum_started = time.perf_counter()
    with psycopg.connect(libpq(BENCH_URL), autocommit=True) as conn:
        # What autovacuum would have done by now on a live database: statistics and the visibility map.
        conn.execute("VACUUM (ANALYZE)")
    vacuum = time.perf_counter() - vacuum_started
    total = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": total,
        "load_seconds": loaded,
        "vacuum_analyze_seconds": vacuum,
        "rows_per_second": rows / max(total, 1e-9),
        "distinct_suggestions": len(suggestions.memo),
        "table_rows": {table.removeprefix("consultations_"): count for table, count in counts.items()},
    }


def sample_consultation(offset: int = 500) -> tuple[str, str]:
    """(reference, full name) of the consultation `offset` places from the newest: present in every queue."""
    from consultations.models import Consultation

    return Consultation.objects.order_by("-created_at", "-id").values_list("reference", "full_name")[offset]
