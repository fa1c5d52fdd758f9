"""clinic/fragments.py and its {% fragment %} tag: one round trip for every part, and a part renders only once."""

import pytest
from django.core.cache import caches
from django.template import Context, Template, TemplateSyntaxError

from clinic.fragments import Fragments

TEMPLATE = (
    "{% load fragments %}[{% fragment a %}{{ value }}{% endfragment %}|{% fragment b %}{{ value }}!{% endfragment %}]"
)


def render(fragments, value):
    return Template(TEMPLATE).render(Context({"fragments": fragments, "value": value}))


def test_a_cached_part_is_served_and_a_new_key_renders_again():
    assert render(Fragments("page", ("a", "b"), "v1"), "first") == "[first|first!]"
    assert render(Fragments("page", ("a", "b"), "v1"), "second") == "[first|first!]"
    assert render(Fragments("page", ("a", "b"), "v2"), "second") == "[second|second!]"


def test_all_parts_come_in_one_round_trip_to_the_shared_cache(monkeypatch):
    render(Fragments("page", ("a", "b"), "v1"), "x")
    caches["stamped"].local_clear()  # as in another process: nothing kept here yet
    shared = caches["default"]
    calls = []
    real = shared.get_many
    monkeypatch.setattr(shared, "get_many", lambda keys, **kw: calls.append(keys) or real(keys, **kw))
    assert render(Fragments("page", ("a", "b"), "v1"), "y") == "[x|x!]"
    assert len(calls) == 1 and len(calls[0]) == 2
    calls.clear()
    assert render(Fragments("page", ("a", "b"), "v1"), "z") == "[x|x!]"
    assert calls == []  # now kept in this process


def test_without_fragments_in_the_context_the_block_just_renders():
    assert Template(TEMPLATE).render(Context({"value": "<b>"})) == "[&lt;b&gt;|&lt;b&gt;!]"


def test_cached_html_keeps_its_escaping():
    render(Fragments("page", ("a", "b"), "esc"), "<script>")
    assert render(Fragments("page", ("a", "b"), "esc"), "ignored") == "[&lt;script&gt;|&lt;script&gt;!]"


def test_the_tag_takes_exactly_one_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment %}x{% endfragment %}")
