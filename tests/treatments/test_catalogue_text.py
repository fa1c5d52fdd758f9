"""Catalogue text typed in the admin reads as paragraphs and lists, and is always escaped."""

from treatments.templatetags.catalogue_text import paragraphs_and_lists


def test_dash_lines_become_one_list_between_paragraphs():
    text = "Usually not given if you:\n- are pregnant;\n- have an infection.\n\nYour practitioner will ask."
    assert paragraphs_and_lists(text) == (
        "<p>Usually not given if you:</p><ul><li>are pregnant</li><li>have an infection.</li></ul>"
        "<p>Your practitioner will ask.</p>"
    )


def test_text_is_escaped():
    assert paragraphs_and_lists("- <script>x</script>\n<b>") == (
        "<ul><li>&lt;script&gt;x&lt;/script&gt;</li></ul><p>&lt;b&gt;</p>"
    )


def test_nothing_gives_nothing():
    assert paragraphs_and_lists("") == ""
