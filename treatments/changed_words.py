"""An edit's old and new text with the words that changed marked (<del> in the old, <ins> in the new), so an editor
reading the history finds the change in a long text without comparing it word by word; its line breaks kept."""

import difflib
import re

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Words (with their punctuation) and the spaces between them, each its own token, so a change of one word marks
# that word only.
TOKENS = re.compile(r"\s+|\S+")


def changed_words_marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    old_words, new_words = TOKENS.findall(old), TOKENS.findall(new)
    old_pieces, new_pieces = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        gone, came = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if op == "equal":
            old_pieces.append(format_html("{}", gone))
            new_pieces.append(format_html("{}", came))
            continue
        if gone:
            old_pieces.append(format_html("<del>{}</del>", gone))
        if came:
            new_pieces.append(format_html("<ins>{}</ins>", came))
    return joined(old_pieces), joined(new_pieces)


def joined(pieces: list[SafeString]) -> SafeString:
    return linebreaksbr(format_html_join("", "{}", ((piece,) for piece in pieces)))
