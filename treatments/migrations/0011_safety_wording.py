"""Brings the seeded wording of an installed catalogue up to a clinical read against clinical-facts.md: Botox's
summary, best uses and neck reason as the first release seeded them, without the off-label marks; the
filler caution near the eyes names blindness and stroke; palm sweating is marked off-label where Botox's working is
told; claims without a source are cut (Botox's "one to two weeks", "over a few treatments", lips fading sooner,
"a few months" for palms); fillers' onset names poly-L-lactic acid's months; fillers' summary says Botox is the
labelled treatment in the upper face; three screening notes no longer play their risk down.

Only the seeded sentence is replaced, wherever it still stands (an editor's own words around it are kept), and each
changed row gets a history entry saying why, as an edit in the admin would (treatments/seeded_wording.py)."""

from django.db import migrations

from treatments.seeded_wording import seeded_wording_replace

REASON = "Safety wording of the seeded catalogue (release)"

# (model, lookup, field, seeded sentence, new sentence)
EDITS = [
    # The first release's wording, which 0005 left: uses off the label not marked as such.
    (
        "Treatment",
        {"slug": "botox"},
        "summary",
        "It can also help with heavy sweating and with a tight, overworked jaw muscle.",
        "It can also help with heavy underarm sweating and, as off-label uses, with sweaty palms and a tight, "
        "overworked jaw muscle.",
    ),
    (
        "Treatment",
        {"slug": "botox"},
        "best_for",
        "and crow's feet around the eyes.\n\nVertical bands and lines on the neck.\n\nHeavy sweating of the "
        "underarms or palms.\n\nAn overactive jaw muscle, for people who clench or grind their teeth.",
        "and crow's feet around the eyes. These are the uses on the Botox Cosmetic label.\n\nVertical bands on the "
        "neck (platysma bands), added to the label in 2024.\n\nHeavy underarm sweating.\n\nOff-label, meaning "
        "outside the product's licence (your practitioner will explain what that means for you): sweaty palms, "
        "horizontal lines around the neck, and an overactive jaw muscle in people who clench or grind their teeth.",
    ),
    (
        "Indication",
        {"treatment__slug": "botox", "area__slug": "neck", "concern__slug": "lines-when-moving"},
        "reason",
        "so bands and lines that stand out when you tense your neck",
        "so the vertical bands that stand out when you tense your neck",
    ),
    # This release's.
    (
        "Treatment",
        {"slug": "botox"},
        "how_it_works",
        "In the underarms and palms, the same effect on nerve signals reduces how much the sweat glands produce.",
        "In the underarms, and as an off-label use in the palms, the same effect on nerve signals reduces how much "
        "the sweat glands produce.",
    ),
    (
        "Treatment",
        {"slug": "botox"},
        "onset_text",
        " The full effect tends to settle in over about one to two weeks.",
        "",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "summary",
        "They suit lines that stay put even when your face is relaxed, and areas that have become hollow or flat "
        "over time, such as the cheeks, lips or under the eyes.",
        "They suit lines around the nose and mouth that stay put even when your face is relaxed, and areas that "
        "have become hollow or flat over time, such as the cheeks, lips or under the eyes. On the forehead, "
        "between the brows and beside the eyes, Botox is the labelled treatment for the area and is usually "
        "discussed first for lines at rest there too: a filler there carries the highest risk of blocking a blood "
        "vessel.",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "onset_text",
        "You can see the difference almost straight away.",
        "With hyaluronic acid you can see the difference almost straight away; poly-L-lactic acid builds up "
        "gradually over a few months.",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "duration_notes",
        " and the area: fillers tend to fade sooner where the face moves a lot, such as the lips.",
        " and the area.",
    ),
    (
        "Indication",
        {"treatment__slug": "botox", "area__slug": "hands", "concern__slug": "sweating"},
        "reason",
        ", so heavy hand sweating is often reduced for a few months.",
        ", which can reduce heavy hand sweating.",
    ),
    (
        "Indication",
        {"treatment__slug": "botox", "concern__slug": "lines-at-rest"},
        "reason",
        " and can soften them over a few treatments",
        " and can soften them",
    ),
    (
        "Indication",
        {"treatment__slug": "dermal-filler"},
        "caution",
        "which can damage the skin or, rarely, eyesight:",
        "which can damage the skin or, rarely, cause blindness or a stroke:",
    ),
    (
        "Precaution",
        {"slug": "skin-infection"},
        "patient_note",
        " It is nothing to worry about; it just means a slightly later appointment.",
        " It usually means a later appointment, once the skin is clear.",
    ),
    (
        "Precaution",
        {"slug": "blood-thinners"},
        "patient_note",
        " It mainly means you may bruise more easily, and your practitioner can plan for that.",
        " You may bruise or bleed more easily where the needle goes in, and a bleeding disorder is a reason for "
        "extra care with fillers: your practitioner will go through this with you before any treatment.",
    ),
    (
        "Precaution",
        {"slug": "eyelid-droop"},
        "patient_note",
        " It helps them plan where and how much to inject around your forehead and brows, so the result looks natural.",
        " It can make drooping of the eyelid or brow after Botox more likely, so your practitioner will check this "
        "before treating your forehead and brows.",
    ),
]


def forwards(apps, schema_editor):
    seeded_wording_replace(apps, EDITS, REASON)


class Migration(migrations.Migration):
    dependencies = [("treatments", "0010_reference_duration_concerns_history")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
