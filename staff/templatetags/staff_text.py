"""{{ text|controls_shown }}: direction controls a patient typed are shown as [U+202E] and so on, not obeyed."""

from django import template

from clinic.text import controls_visible

register = template.Library()


@register.filter
def controls_shown(value) -> str:
    return controls_visible("" if value is None else str(value))
