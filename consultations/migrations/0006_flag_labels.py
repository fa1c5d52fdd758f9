from django.db import migrations, models


def labels_from_stored_suggestions(apps, schema_editor):
    """Name the flags of consultations saved before labels existed: the precaution's short name where the
    catalogue has one, else the question as it was asked."""
    Consultation = apps.get_model("consultations", "Consultation")
    Precaution = apps.get_model("treatments", "Precaution")
    names = {slug: name for slug, name in Precaution.objects.values_list("slug", "name") if name}
    batch = []
    for consultation in Consultation.objects.filter(has_flags=True).only("suggestion").iterator(chunk_size=2000):
        consultation.flag_labels = [
            flag.get("label") or names.get(flag["precaution"]) or flag["question"]
            for flag in consultation.suggestion.get("flags", [])
        ]
        batch.append(consultation)
        if len(batch) == 2000:
            Consultation.objects.bulk_update(batch, ["flag_labels"])
            batch = []
    Consultation.objects.bulk_update(batch, ["flag_labels"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_entered_by_staff"),
        ("treatments", "0006_plain_rule_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="flag_labels",
            field=models.JSONField(
                blank=True, default=list, help_text="A few words naming each flag, for the queue.", verbose_name="flags"
            ),
        ),
        migrations.AddField(
            model_name="historicalconsultation",
            name="flag_labels",
            field=models.JSONField(
                blank=True, default=list, help_text="A few words naming each flag, for the queue.", verbose_name="flags"
            ),
        ),
        migrations.RunPython(labels_from_stored_suggestions, migrations.RunPython.noop),
    ]
