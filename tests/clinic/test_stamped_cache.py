"""clinic/stamped_cache.py: the process keeps what the shared cache had, and a delete reaches both."""

from django.core.cache import caches


def test_a_value_found_once_is_kept_in_the_process(monkeypatch):
    stamped, shared = caches["stamped"], caches["default"]
    stamped.set("pages:stamp-1", "html", 60)
    stamped.local_clear()
    assert stamped.get("pages:stamp-1") == "html"  # from the shared cache
    monkeypatch.setattr(shared, "get", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked again")))
    assert stamped.get("pages:stamp-1") == "html"  # from the process


def test_missing_keys_give_the_default_and_get_many_mixes_both_levels():
    stamped = caches["stamped"]
    assert stamped.get("absent", "fallback") == "fallback"
    stamped.set("a", 1, 60)
    stamped.local_clear()
    stamped.set("b", 2, 60)
    assert stamped.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}


def test_delete_and_clear_reach_the_shared_cache():
    stamped = caches["stamped"]
    stamped.set("gone", 1, 60)
    stamped.delete("gone")
    stamped.local_clear()
    assert stamped.get("gone") is None
    stamped.set("also-gone", 1, 60)
    stamped.clear()
    assert stamped.get("also-gone") is None


def test_the_process_keeps_at_most_max_entries():
    stamped = caches["stamped"]
    limit = stamped.max_entries
    for number in range(limit + 10):
        stamped._keep(f"k{number}", number)
    assert len(stamped._local) == limit and "k0" not in stamped._local
