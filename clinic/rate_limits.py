"""Per-client limits, counted in a database table (clinic.RateCount): they hold across processes and servers,
and through a Redis outage."""

import hashlib
import time
from datetime import UTC, datetime

from django.db import connection

from clinic.models import RateCount

# PostgreSQL and SQLite (3.35 and later) both take this upsert.
COUNT_ONE_SQL = (
    'INSERT INTO clinic_ratecount ("key", "count", "expires_at") VALUES (%s, 1, %s) '
    'ON CONFLICT ("key") DO UPDATE SET "count" = clinic_ratecount."count" + 1 RETURNING "count"'
)


def attempt_allowed(bucket: str, address: str | None, limit: int, window_seconds: int, now: float | None = None):
    """Count one attempt from this address in the current window; False once over `limit`.

    One statement counts it, so attempts that arrive together are each counted. A client's first attempt in a
    window also deletes the counts whose window ended a window ago or more (the margin spares a window that a
    server with a slightly slow clock is still counting). The address is kept as a hash: no client's address is
    stored, and whatever a proxy header holds fits the key.
    """
    now = now if now is not None else time.time()
    window = int(now // window_seconds)
    key = f"{bucket}:{hashlib.sha256(str(address).encode()).hexdigest()[:32]}:{window}"
    expires_at = datetime.fromtimestamp((window + 1) * window_seconds, tz=UTC)
    with connection.cursor() as cursor:
        cursor.execute(COUNT_ONE_SQL, [key, connection.ops.adapt_datetimefield_value(expires_at)])
        count = cursor.fetchone()[0]
    if count == 1:
        RateCount.objects.filter(expires_at__lte=datetime.fromtimestamp(now - window_seconds, tz=UTC)).delete()
    return count <= limit
