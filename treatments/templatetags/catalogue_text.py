"""Catalogue text as editors type it in the admin: blank lines between paragraphs, "- " at the start of list items."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs_and_lists(text: str) -> str:
    """Paragraphs as <p>, runs of "- " lines as one <ul>; everything escaped."""
    parts = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        items, prose = [], []
        for line in lines:
            if line.startswith("- "):
                if prose:
                    parts.append(f"<p>{escape(' '.join(prose))}</p>")
                    prose = []
                items.append((line[2:].rstrip(";").strip(),))
            else:
                if items:
                    parts.append(f"<ul>{format_html_join('', '<li>{}</li>', items)}</ul>")
                    items = []
                prose.append(line)
        if prose:
            parts.append(f"<p>{escape(' '.join(prose))}</p>")
        if items:
            parts.append(f"<ul>{format_html_join('', '<li>{}</li>', items)}</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped  # nosec B308 B703
