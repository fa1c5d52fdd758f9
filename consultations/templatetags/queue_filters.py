"""The queue's filter fields as HTML, built in Python.

The template version looped over every option of every select (treatments, areas, reviewers, statuses) and cost
about 250 template variable look-ups per queue page; profiling at 100,000 consultations showed it as a sixth of the
page's rendering. The markup is the same: a label, then a select or an input, then any errors.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


def _options(field) -> str:
    current = "" if field.value() is None else str(field.value())
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", _("Any") if value == "" else label)
            for value, label in field.field.widget.choices
        ),
    )


@register.simple_tag
def queue_filter_field(field) -> str:
    invalid = " is-invalid" if field.errors else ""
    label = format_html('<label class="form-label" for="{}">{}</label>', field.id_for_label, field.label)
    if getattr(field.field.widget, "choices", None):
        control = format_html(
            '<select name="{}" id="{}" class="form-select{}">{}</select>',
            field.html_name,
            field.id_for_label,
            invalid,
            _options(field),
        )
    else:
        kind = "date" if getattr(field.field.widget, "input_type", "") == "date" else "search"
        value = "" if field.value() is None else field.value()
        control = format_html(
            '<input type="{}" name="{}" id="{}" value="{}" class="form-control{}">',
            kind,
            field.html_name,
            field.id_for_label,
            value,
            invalid,
        )
    errors = format_html_join("", '<div class="invalid-feedback">{}</div>', ((error,) for error in field.errors))
    return format_html("{}\n    {}{}", label, control, errors)
