"""Text shown to staff as it was typed: invisible direction controls are made visible instead of obeyed."""

import re

# Unicode's bidirectional formatting characters: they can make "gpj.exe" read as "exe.jpg", or reorder a name.
DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def controls_visible(text: str) -> str:
    """Each direction control replaced by its code point in brackets, e.g. [U+202E]."""
    return DIRECTION_CONTROLS.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)
