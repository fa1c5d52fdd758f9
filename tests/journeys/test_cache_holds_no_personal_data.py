"""After a whole journey, the shared caches (Redis, and the database's cache table) hold nothing personal.

A patient sends the form with a distinctive name, email, phone and free-text answers; staff find it, read it, add
a note and change its status; a patient account reads its own pages. Then every key of every database of the
journey's own redis-server is read, whatever its type, and every row of the database's cache table (the per-address
limits and used one-time codes), and neither a key nor a value may contain any of those details, nor any user's
password hash. Values are searched as stored and, when they are compressed, decompressed.
"""

import gzip
import lzma
import re
import zlib

import psycopg
import pytest
import redis

from tests.journeys.conftest import Patient

pytestmark = pytest.mark.browser

PATIENT = Patient(
    full_name="Perpetua Ollerenshaw",
    email="perpetua.ollerenshaw.4471@example.net",
    phone="07700 937162",
    date_of_birth="1979-08-14",
    concerns=[("forehead", "lines-when-moving"), ("lips", "volume-loss")],
    goals="Look rested for the Tobermory regatta in the spring",
    yes={"blood-thinners": "Marzipanol tablets every morning"},
)
NOTE = "Zanzibarian callback agreed for the afternoon"
# Words that occur only in this patient's details: a fragment holding part of them is caught too.
DISTINCTIVE = {
    "name": PATIENT.full_name,
    "surname": "Ollerenshaw",
    "email": PATIENT.email,
    "email's local part": PATIENT.email.split("@")[0],
    "phone": PATIENT.phone,
    "phone's digits": PATIENT.phone.replace(" ", ""),
    "goals": PATIENT.goals,
    "a word of the goals": "Tobermory",
    "screening details": PATIENT.yes["blood-thinners"],
    "a word of the screening details": "Marzipanol",
    "note": NOTE,
    "a word of the note": "Zanzibarian",
}
# Public text every warm cache holds (the catalogue pages): proof that the values were read and decoded.
PUBLIC_TEXT = b"Dermal fillers"


def decoded(blob: bytes) -> list[bytes]:
    """The blob as stored and, if it is compressed (django-redis's zlib, gzip or lzma compressors), decompressed."""
    forms = [blob]
    for decompress in (zlib.decompress, gzip.decompress, lzma.decompress):
        try:
            forms.append(decompress(blob))
        except (zlib.error, OSError, EOFError, lzma.LZMAError):
            continue
    return forms


def redis_contents(port: int) -> list[tuple[int, bytes, list[bytes]]]:
    """(db, key, [every blob of its value]) for every key of every database of the server."""
    server = redis.Redis(host="127.0.0.1", port=port)
    databases = [int(name.removeprefix("db")) for name in server.info("keyspace")]
    found = []
    for db in databases:
        client = redis.Redis(host="127.0.0.1", port=port, db=db)
        for key in client.scan_iter(count=1000):
            kind = client.type(key).decode()
            if kind == "string":
                value = client.get(key)
                blobs = [] if value is None else [value]
            elif kind == "hash":
                blobs = [part for pair in client.hgetall(key).items() for part in pair]
            elif kind == "list":
                blobs = client.lrange(key, 0, -1)
            elif kind == "set":
                blobs = list(client.smembers(key))
            elif kind == "zset":
                blobs = [member for member, _score in client.zrange(key, 0, -1, withscores=True)]
            elif kind == "stream":
                blobs = [part for _id, entry in client.xrange(key) for pair in entry.items() for part in pair]
            elif kind == "none":  # expired between SCAN and TYPE
                continue
            else:
                pytest.fail(f"db {db} key {key!r} has type {kind}, which this test cannot read")
            found.append((db, key, [form for blob in blobs for form in decoded(blob)]))
    return found


def database_cache_contents(database_url: str) -> list[tuple[str, bytes, list[bytes]]]:
    """("table", key, [the value as stored, and unpickled bytes]) for every row of the database's cache table."""
    import base64

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        rows = conn.execute("SELECT cache_key, value FROM django_cache").fetchall()
    return [("table", key.encode(), [value.encode(), *decoded(base64.b64decode(value))]) for key, value in rows]


def password_hashes(database_url: str) -> dict[str, list[str]]:
    """Each user's password hash, whole and its last segment (the hash proper)."""
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        rows = conn.execute("SELECT username, password FROM auth_user").fetchall()
    hashes = {}
    for username, password in rows:
        if password and not password.startswith("!"):  # "!..." is an unusable password, no hash
            hashes[f"{username}'s password hash"] = password
            hashes[f"{username}'s password hash (last segment)"] = password.rsplit("$", 1)[-1]
    return hashes


def test_nothing_personal_reaches_the_cache(journey, journey_site, journey_redis):
    base = journey_site.url

    visitor = journey.person(1280)
    reference = journey.submit_intake(visitor, base, PATIENT)
    assert visitor.locator("[data-reference]").inner_text().strip() == reference

    staff = journey.person(1280)
    journey.log_in(staff, base, "staff")
    staff.goto(f"{base}/staff/?q={PATIENT.full_name.replace(' ', '+')}")
    staff.locator(".queue-table").get_by_role("link", name=PATIENT.full_name, exact=True).click()
    staff.wait_for_url(re.compile(rf"/staff/.*{reference}/$"))
    detail_url = staff.url
    assert PATIENT.goals in staff.locator("main").inner_text()
    staff.fill("#id_text", NOTE)
    journey.post_and_expect_redirect(staff, staff.get_by_role("button", name="Add note").click, "staff adds a note")
    assert NOTE in staff.locator("main").inner_text()
    options = staff.locator("#id_to_status option")
    current = staff.locator("[data-status]").first.get_attribute("data-status")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    target = next(value for value in values if value and value != current)
    staff.select_option("#id_to_status", value=target)
    journey.post_and_expect_redirect(
        staff, staff.get_by_role("button", name="Change status").click, "staff changes the status"
    )
    assert staff.locator("[data-status]").first.get_attribute("data-status") == target
    # The queue and the page once more, as they are read after the changes.
    for path in ("/staff/?q=Ollerenshaw", "/staff/", detail_url.removeprefix(base)):
        assert staff.goto(base + path).status == 200, path

    patient = journey.person(360)
    journey.log_in(patient, base, "patient")
    assert patient.goto(base + "/me/").status == 200
    own = patient.locator("main a[href*='/me/consultations/']")
    assert own.count() >= 1, "the demo patient has no consultation listed on /me/"
    href = own.first.get_attribute("href")
    assert patient.goto(base + href).status == 200, href

    needles = {label: text.encode() for label, text in DISTINCTIVE.items()}
    hashes = password_hashes(journey_site.database_url)
    assert any("staff's" in label for label in hashes), "no password hash read for the staff account"
    needles.update({label: text.encode() for label, text in hashes.items()})

    contents = redis_contents(journey_redis.port)
    assert contents, "the journey's Redis holds no key at all: the test would pass on an empty cache"
    table = database_cache_contents(journey_site.database_url)
    assert table, "the database's cache table holds no row: the sign-in limits were not counted there"
    assert any(PUBLIC_TEXT in blob for _db, _key, blobs in contents for blob in blobs), (
        f"no cached value holds {PUBLIC_TEXT!r} (the catalogue pages): the values were not read or not decoded. "
        f"Keys: {[key for _db, key, _ in contents][:30]}"
    )
    leaks = []
    for db, key, blobs in contents + table:
        for label, needle in needles.items():
            lowered = needle.lower()
            if lowered in key.lower():
                leaks.append(f"db {db} key {key[:120]!r} (the key itself) holds the {label}")
            elif any(lowered in blob.lower() for blob in blobs):
                leaks.append(f"db {db} key {key[:120]!r} holds the {label}")
    assert not leaks, f"{len(leaks)} personal detail(s) in the shared cache ({len(contents)} keys read):\n" + "\n".join(
        leaks
    )
