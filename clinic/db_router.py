"""Which database answers: the primary for everything, a read replica for the CSV export when there is one.

Staff must see their own edits at once, so pages read the primary. The CSV export reads every row of the queue
and may lag a moment behind without harm, so with DATABASE_REPLICA_URL set it reads the "replica" alias (a
PostgreSQL streaming replica) and leaves the primary to the pages. Nothing is ever written or migrated there.
"""

from django.conf import settings

REPLICA = "replica"


def reporting_database() -> str:
    """The alias for large read-only reports: the replica when one is configured, else the primary."""
    return REPLICA if REPLICA in settings.DATABASES else "default"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # a streaming replica follows the primary's schema by itself
