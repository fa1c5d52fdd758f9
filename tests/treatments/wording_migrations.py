"""What the tests of the catalogue's wording migrations (0011, 0012) share."""


def edited_texts(edits, models) -> dict:
    """Every text field the migration's `edits` may touch, row by row: {(model name, pk, field): text}."""
    fields = {(name, field) for name, _, field, _, _ in edits}
    return {(name, row.pk, field): getattr(row, field) for name, field in fields for row in models[name].objects.all()}
