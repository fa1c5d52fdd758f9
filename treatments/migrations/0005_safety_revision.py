"""Brings a catalogue seeded before the safety review up to it: the new fields of existing rows (the minimum interval,
off-label marks, cautions, the public sources' figures, safety notes), no per-area months without a source, and the
one allergy question becoming the "other allergy" of the four that replace it. New rows (Botox for lines at rest,
the other allergy questions, the effects of screening answers) come with the next `manage.py load_catalogue`.
Rows made by hand, and fields an admin had set, are left alone."""

from django.db import migrations

SAFETY_FIELDS = (
    "min_interval_days",
    "off_label_note",
    "reference_duration_min_months",
    "reference_duration_max_months",
    "reference_duration_source",
    "safety_notes",
)


def forwards(apps, schema_editor):
    from treatments import catalogue_content as content

    Treatment = apps.get_model("treatments", "Treatment")
    Indication = apps.get_model("treatments", "Indication")
    Precaution = apps.get_model("treatments", "Precaution")
    SeededRow = apps.get_model("treatments", "SeededRow")

    for row in content.TREATMENTS:
        treatment = Treatment.objects.filter(slug=row["slug"]).first()
        if treatment is not None:
            for name in SAFETY_FIELDS:
                if name in row and getattr(treatment, name) in (None, ""):
                    setattr(treatment, name, row[name])
            treatment.save()

    for row in content.INDICATIONS:
        Indication.objects.filter(
            treatment__slug=row["treatment"], area__slug=row["area"], concern__slug=row["concern"]
        ).update(off_label=row["off_label"], caution=row["caution"])
    Indication.objects.filter(duration_source="").update(duration_min_months=None, duration_max_months=None)

    rows = {row["slug"]: row for row in content.PRECAUTIONS}
    old = Precaution.objects.filter(slug="allergy").first()
    if old is not None and not Precaution.objects.filter(slug="allergy-other").exists():
        other = rows["allergy-other"]
        for name in ("slug", "name", "question", "detail_prompt", "practitioner_note", "patient_note"):
            setattr(old, name, other[name])
        old.save()
        SeededRow.objects.get_or_create(key="precaution:allergy-other")
    for precaution in Precaution.objects.filter(name=""):
        if precaution.slug in rows:
            precaution.name = rows[precaution.slug]["name"]
            precaution.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("treatments", "0004_safety_rules")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
