from django.db import migrations, models


def seeded_filler_in_sentence(apps, schema_editor):
    """The seeded fillers row, if its name is still the seeded one: "dermal fillers" inside a sentence."""
    Treatment = apps.get_model("treatments", "Treatment")
    Treatment.objects.filter(slug="dermal-filler", name="Dermal fillers", name_in_sentence="").update(
        name_in_sentence="dermal fillers"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0007_plain_slug_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltreatment",
            name="name_in_sentence",
            field=models.CharField(
                blank=True,
                help_text='How the name reads in the middle of a sentence ("Combining dermal fillers and Botox"), for example: dermal fillers. Leave it blank for a name that keeps its capital, such as Botox.',
                max_length=100,
                verbose_name="name inside a sentence",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="name_in_sentence",
            field=models.CharField(
                blank=True,
                help_text='How the name reads in the middle of a sentence ("Combining dermal fillers and Botox"), for example: dermal fillers. Leave it blank for a name that keeps its capital, such as Botox.',
                max_length=100,
                verbose_name="name inside a sentence",
            ),
        ),
        migrations.RunPython(seeded_filler_in_sentence, migrations.RunPython.noop),
    ]
