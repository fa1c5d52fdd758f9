"""How staff see what a patient typed: {{ text|controls_shown }} shows direction controls as [U+202E] and so on, not
obeyed; {{ phone|dialable }} is the number a `tel:` link dials."""

import re

from django import template

from clinic.text import controls_visible

register = template.Library()


@register.filter
def controls_shown(value) -> str:
    return controls_visible("" if value is None else str(value))


@register.filter
def dialable(phone) -> str:
    """A `tel:` link's number: "+44 20 7946-0000" as "+442079460000", digits and a leading plus only."""
    phone = "" if phone is None else str(phone)
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)
