"""The seeded reason for fillers in the lips said results show straight away, which holds for hyaluronic acid but
not for poly-L-lactic acid, whose results build up over months (clinical-facts.md, "filler onset"); the treatment's
own "What to expect" says so beside it. The reason now names hyaluronic acid. As 0011 and 0012 did
(treatments/seeded_wording.py): only the seeded sentence is replaced, the changed row gets a history entry saying
why, and the catalogue a new token."""

from django.db import migrations

from treatments.seeded_wording import seeded_wording_replace

REASON = "Lips filler reason names hyaluronic acid for its quick result (release)"

# (model, lookup, field, seeded sentence, new sentence)
EDITS = [
    (
        "Indication",
        {"treatment__slug": "dermal-filler", "area__slug": "lips", "concern__slug": "volume-loss"},
        "reason",
        ", with results you can see straight away.",
        "; with a hyaluronic acid filler the difference shows almost straight away.",
    ),
]


def forwards(apps, schema_editor):
    seeded_wording_replace(apps, EDITS, REASON)


class Migration(migrations.Migration):
    dependencies = [("treatments", "0012_sourced_healing_times")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
