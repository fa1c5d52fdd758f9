"""Replacing seeded sentences in an installed catalogue, for the data migrations that bring its wording up to a
release's (0011, 0012). Migrations run this code for as long as they exist: change it only in ways that leave their
result as it is.

Only the seeded sentence is replaced, wherever it still stands (an editor's own words around it are kept, and a
text an editor rewrote is left alone); each changed row gets a history entry giving the reason, as an edit in the
admin would, and the catalogue a new token, so no page or rule set cached with the old wording is served again."""

import uuid

from django.utils import timezone

# The many-to-many fields the history keeps, per model.
TRACKED_LINKS = {"Treatment": "reference_duration_concerns", "Precaution": "treatments"}


def seeded_wording_replace(apps, edits, reason: str) -> None:
    """`edits`: (model name, lookup, field, seeded sentence, new sentence)."""
    when = timezone.now()
    changed = {}
    for model_name, lookup, field, old, new in edits:
        Model = apps.get_model("treatments", model_name)
        for row in Model.objects.filter(**lookup, **{f"{field}__contains": old}):
            row = changed.get((model_name, row.pk), row)
            value = getattr(row, field)
            if old in value:  # on SQLite __contains ignores case: an editor's capitals are their own words
                setattr(row, field, value.replace(old, new))
                changed[(model_name, row.pk)] = row
    for (model_name, _pk), row in changed.items():
        row.save()
        _history_add(apps, model_name, row, when, reason)
    if changed:
        CatalogueVersion = apps.get_model("treatments", "CatalogueVersion")
        CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def _history_add(apps, model_name: str, row, when, reason: str) -> None:
    """The history entry django-simple-history would write for an edit in the admin (historical models in a
    migration have no signals)."""
    Model = apps.get_model("treatments", model_name)
    Historical = apps.get_model("treatments", f"Historical{model_name}")
    values = {field.attname: getattr(row, field.attname) for field in Model._meta.concrete_fields}
    entry = Historical.objects.create(
        **values, history_date=when, history_type="~", history_change_reason=reason, history_user=None
    )
    if model_name in TRACKED_LINKS:
        field = TRACKED_LINKS[model_name]
        links = Model._meta.get_field(field).remote_field.through
        Copies = apps.get_model("treatments", f"Historical{model_name}_{field}")
        columns = [f.attname for f in links._meta.concrete_fields]
        for link in links.objects.filter(**{f"{model_name.lower()}_id": row.pk}).values(*columns):
            Copies.objects.create(history=entry, **link)
