"""What a browser sends for a served form: every field of the page as it stands, with the visitor's own choices."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_options = name, []
        elif tag == "option" and self._select is not None:
            self._select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._select_options if selected] or [
                value for value, _ in self._select_options[:1]
            ]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser sends a textarea's line breaks as CRLF, whatever the page held.
            text = self._text.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
            self.fields.append((self._textarea, text))
            self._textarea = None


def served_fields(html: str) -> list[tuple[str, str]]:
    """(name, value) of every field the page would send untouched, in page order; repeated names repeat."""
    parser = _FormFields()
    parser.feed(html)
    return parser.fields


def as_browser_sends(html: str, answers: dict) -> dict[str, list[str]]:
    """The served fields with the visitor's answers in place of the fields they answered (names in `answers`);
    everything else, tokens included, exactly as the page holds it."""
    sent: dict[str, list[str]] = {}
    for name, value in served_fields(html):
        if name not in answers:
            sent.setdefault(name, []).append(value)
    for name, value in answers.items():
        sent[name] = value if isinstance(value, list) else [value]
    return sent
