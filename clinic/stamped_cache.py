"""A cache for values that never change under their key, because the key carries a stamp.

The catalogue's pages, rules and choice lists are cached under the catalogue stamp, each user's access under the
access stamp, and the staff detail page's parts under the consultation's version and last change. A new stamp
means new keys, so a value found under a key is right for as long as anyone asks for that key. Such values can be
kept in this process as well: this backend answers from a small in-process LRU first and from the shared cache
(the "default" alias: Redis in production) second, and keeps what it found. Each hit saves a round trip to Redis;
on the bench machine that is about half a millisecond, and a cached public page made three of them.

Only for stamped keys: a value stored under a key that is reused for a different value would be served stale by
the other processes. The stamps themselves, rate limits, sessions and counts stay in the default cache.
Configured as CACHES["stamped"] in clinic/settings.py; `{% cache ... using="stamped" %}` in templates.
"""

import threading
from collections import OrderedDict

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class StampedCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.shared_alias = location or "default"
        self.max_entries = int(params.get("OPTIONS", {}).get("MAX_ENTRIES", 2048))
        self._local: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    @property
    def shared(self):
        return caches[self.shared_alias]

    def _keep(self, key, value) -> None:
        with self._lock:
            self._local[key] = value
            self._local.move_to_end(key)
            while len(self._local) > self.max_entries:
                self._local.popitem(last=False)

    def _local_get(self, key):
        with self._lock:
            if key in self._local:
                self._local.move_to_end(key)
                return True, self._local[key]
        return False, None

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        found, value = self._local_get(key)
        if found:
            return value
        value = self.shared.get(key, self._missing, version=1)
        if value is self._missing:
            return default
        self._keep(key, value)
        return value

    _missing = object()

    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        result, wanted = {}, []
        for made_key, key in made.items():
            found, value = self._local_get(made_key)
            if found:
                result[key] = value
            else:
                wanted.append(made_key)
        if wanted:
            for made_key, value in self.shared.get_many(wanted, version=1).items():
                self._keep(made_key, value)
                result[made[made_key]] = value
        return result

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self.shared.set(key, value, timeout=timeout, version=1)
        self._keep(key, value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        added = self.shared.add(key, value, timeout=timeout, version=1)
        if added:
            self._keep(key, value)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(self.make_and_validate_key(key, version=version), timeout=timeout, version=1)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._local.pop(key, None)
        return self.shared.delete(key, version=1)

    def has_key(self, key, version=None):
        return self.get(key, self._missing, version=version) is not self._missing

    def clear(self):
        with self._lock:
            self._local.clear()
        self.shared.clear()

    def local_clear(self) -> None:
        """Forget this process's copies (tests, after the shared cache was flushed)."""
        with self._lock:
            self._local.clear()
