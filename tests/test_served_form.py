"""The test helper that sends a served form as a browser would."""

from tests.served_form import as_browser_sends, served_fields

PAGE = """
<form>
  <input name="name" value="Ada">
  <input type="checkbox" name="consent" value="yes">
  <input type="checkbox" name="updates" value="yes" checked>
  <input name="locked" value="x" disabled>
  <select name="area"><option value="">Any</option><option value="lips" selected>Lips</option></select>
  <select name="first"><option value="a">A</option><option value="b">B</option></select>
  <textarea name="goals">
Softer lines
and fuller lips</textarea>
  <button type="submit" name="go">Go</button>
</form>
"""


def test_every_field_is_sent_as_the_page_holds_it_and_textarea_line_breaks_as_crlf():
    assert served_fields(PAGE) == [
        ("name", "Ada"),
        ("updates", "yes"),
        ("area", "lips"),
        ("first", "a"),
        ("goals", "Softer lines\r\nand fuller lips"),
    ]


def test_the_visitors_answers_replace_the_fields_they_answered():
    sent = as_browser_sends(PAGE, {"consent": "yes", "area": ["lips", "cheeks"]})
    assert sent["consent"] == ["yes"]
    assert sent["area"] == ["lips", "cheeks"]
    assert sent["name"] == ["Ada"]
