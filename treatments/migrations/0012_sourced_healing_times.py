"""Healing times without a source leave the seeded wording of an installed catalogue: Botox's marks "gone within
hours", "the same day", a bruise of "a few days", a headache of "the first day or two"; fillers' swelling "over the
first few days", bruises of "a week or so", "the final look ... after about a week", "a little more so on the
lips". Fillers' aftercare now gives the FDA's own words instead: most side effects start soon after the injection
and go within a few weeks, and some appear weeks, months or years later. A drooping eyelid, an uncommon local effect,
now says when it is instead a sign of the toxin's spread (the FDA's boxed warning), which needs help at once. As
0011 did (treatments/seeded_wording.py):
only the seeded sentence is replaced, each changed row gets a history entry saying why, and the catalogue a new
token."""

from django.db import migrations

from treatments.seeded_wording import seeded_wording_replace

REASON = "Side effects and aftercare wording of the seeded catalogue (release)"


def _side_effect(treatment: str, name: str) -> dict:
    return {"treatment__slug": treatment, "name": name}


# (model, lookup, field, seeded sentence, new sentence)
EDITS = [
    ("SideEffect", _side_effect("botox", "Bruising"), "description", " It usually fades within a few days.", ""),
    ("SideEffect", _side_effect("botox", "Swelling"), "description", ", usually gone within hours.", "."),
    ("SideEffect", _side_effect("botox", "Redness"), "description", " that normally settle the same day.", "."),
    ("SideEffect", _side_effect("botox", "Pain at the injection site"), "description", ", which passes quickly.", "."),
    (
        "SideEffect",
        _side_effect("botox", "Headache"),
        "description",
        "A mild headache in the first day or two, which usually eases on its own.",
        "Some people get a headache after the injections.",
    ),
    (
        "SideEffect",
        _side_effect("botox", "Drooping eyelid or eyebrow"),
        "description",
        "An eyelid or eyebrow can sit lower than usual for a while. The shape of some people's forehead makes this "
        "more likely, which is one reason your practitioner looks closely at your face before treating. It wears off "
        "as the treatment fades.",
        "An eyelid or eyebrow can sit lower than usual for a while; the shape of some people's forehead makes this "
        "more likely. It wears off as the treatment fades: tell your practitioner. With weakness elsewhere, double "
        "vision, or trouble swallowing, speaking or breathing, get medical help at once, as the effect may have "
        "spread.",
    ),
    (
        "Treatment",
        {"slug": "botox"},
        "downtime",
        "You may see small red marks or a little swelling where the needle went in; these usually fade within hours. "
        "A small bruise is possible and can last a few days.",
        "You may see small red marks, a little swelling or a small bruise where the needle went in.",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "onset_text",
        " Some swelling is normal and settles over the first few days, so the final look is clearer after about a "
        "week.",
        " Swelling is common at first, so your practitioner will tell you when to judge the result.",
    ),
    (
        "SideEffect",
        _side_effect("dermal-filler", "Bruising"),
        "description",
        "Bruises where the filler was placed, especially on the lips. They usually fade within a week or so.",
        "Bruises where the filler was placed.",
    ),
    (
        "SideEffect",
        _side_effect("dermal-filler", "Swelling"),
        "description",
        " This usually settles over the first few days.",
        "",
    ),
    ("SideEffect", _side_effect("dermal-filler", "Redness"), "description", ", normally short-lived.", "."),
    (
        "SideEffect",
        _side_effect("dermal-filler", "Pain or tenderness"),
        "description",
        " for a few days.",
        " at first.",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "downtime",
        "Swelling, tenderness and bruising are common for a few days, a little more so on the lips. Your "
        "practitioner will explain what to avoid for the first day or two, and when",
        "Swelling, tenderness and bruising are common. The FDA notes that most side effects of fillers start soon "
        "after the injection and go within a few weeks, though some can appear weeks, months or even years later. "
        "Your practitioner will explain what to avoid afterwards, and when",
    ),
    (
        "Treatment",
        {"slug": "dermal-filler"},
        "sources",
        "risks and who should not have them (ages 22 and over)",
        "risks (most side effects go within a few weeks; some appear later) and who should not have them (ages 22 "
        "and over)",
    ),
]


def forwards(apps, schema_editor):
    seeded_wording_replace(apps, EDITS, REASON)


class Migration(migrations.Migration):
    dependencies = [("treatments", "0011_safety_wording")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
