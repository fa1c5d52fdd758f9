"""Seed content for the treatment catalogue: regions, areas, concerns, treatments, side effects, indications, precautions."""

from datetime import date

REVIEWED = date(2026, 11, 21)

# ---------------------------------------------------------------------------
# Regions of the body, in display order.
# ---------------------------------------------------------------------------

REGIONS = [
    {"slug": "upper-face", "name": "Upper face", "position": 1},
    {"slug": "mid-face", "name": "Mid face", "position": 2},
    {"slug": "lower-face", "name": "Lower face", "position": 3},
    {"slug": "neck", "name": "Neck", "position": 4},
    {"slug": "body", "name": "Body", "position": 5},
]

# ---------------------------------------------------------------------------
# Treatment areas. "position" is the order within the region.
# ---------------------------------------------------------------------------

AREAS = [
    # Upper face
    {
        "slug": "forehead",
        "name": "Forehead",
        "description": "The lines that run across your forehead, most noticeable when you lift your eyebrows.",
        "region": "upper-face",
        "position": 1,
    },
    {
        "slug": "glabella",
        "name": "Between the brows",
        "description": "Frown lines between the eyebrows, sometimes called the \u201c11s\u201d because of their shape.",
        "region": "upper-face",
        "position": 2,
    },
    {
        "slug": "crows-feet",
        "name": "Crow's feet",
        "description": "Fine lines fanning out from the outer corners of the eyes, often deepest when you smile or squint.",
        "region": "upper-face",
        "position": 3,
    },
    {
        "slug": "under-eyes",
        "name": "Under the eyes",
        "description": "Hollows or shadows under the eyes (tear troughs) that can make you look tired.",
        "region": "upper-face",
        "position": 4,
    },
    # Mid face
    {
        "slug": "cheeks",
        "name": "Cheeks",
        "description": "The cheekbones and the fullness of the cheeks, which can flatten or hollow with time.",
        "region": "mid-face",
        "position": 1,
    },
    {
        "slug": "nasolabial-folds",
        "name": "Smile lines (nose to mouth)",
        "description": "The creases running from the sides of the nose down to the corners of the mouth.",
        "region": "mid-face",
        "position": 2,
    },
    # Lower face
    {
        "slug": "lips",
        "name": "Lips",
        "description": "The shape and fullness of the lips, and the fine lines around the mouth.",
        "region": "lower-face",
        "position": 1,
    },
    {
        "slug": "marionette-lines",
        "name": "Marionette lines",
        "description": "Lines running down from the corners of the mouth towards the chin, which can give a downturned look.",
        "region": "lower-face",
        "position": 2,
    },
    {
        "slug": "chin",
        "name": "Chin",
        "description": "The shape and projection of the chin, and creases across it.",
        "region": "lower-face",
        "position": 3,
    },
    {
        "slug": "jawline",
        "name": "Jawline",
        "description": "The line of the jaw from chin to ear, which can soften or lose definition over the years.",
        "region": "lower-face",
        "position": 4,
    },
    {
        "slug": "jaw-muscle",
        "name": "Jaw muscle (clenching and grinding)",
        "description": "The chewing muscle at the angle of the jaw, which can ache or feel tight if you clench or grind your teeth, including jaw joint (TMJ) problems.",
        "region": "lower-face",
        "position": 5,
    },
    # Neck
    {
        "slug": "neck",
        "name": "Neck",
        "description": "Vertical bands that stand out when you tense your neck, and lines across the neck.",
        "region": "neck",
        "position": 1,
    },
    # Body
    {
        "slug": "underarms",
        "name": "Underarms",
        "description": "Heavy underarm sweating that is more than the body needs to keep cool.",
        "region": "body",
        "position": 1,
    },
    {
        "slug": "hands",
        "name": "Hands (palms)",
        "description": "Heavy sweating of the palms, which can make everyday tasks and handshakes awkward.",
        "region": "body",
        "position": 2,
    },
]

# ---------------------------------------------------------------------------
# What the patient is worried about, in their own words.
# ---------------------------------------------------------------------------

CONCERNS = [
    {
        "slug": "lines-when-moving",
        "name": "Lines when moving (dynamic lines)",
        "patient_wording": "Lines that show when I move or make an expression",
        "position": 1,
    },
    {
        "slug": "lines-at-rest",
        "name": "Lines at rest (static lines)",
        "patient_wording": "Lines that are there even when I am relaxed",
        "position": 2,
    },
    {
        "slug": "volume-loss",
        "name": "Volume loss",
        "patient_wording": "Hollowness, flattening or lost fullness",
        "position": 3,
    },
    {
        "slug": "sweating",
        "name": "Excessive sweating (hyperhidrosis)",
        "patient_wording": "Heavy sweating",
        "position": 4,
    },
    {
        "slug": "clenching",
        "name": "Jaw clenching or grinding",
        "patient_wording": "Jaw clenching or grinding, jaw tension",
        "position": 5,
    },
]

# ---------------------------------------------------------------------------
# Treatments. Seeded defaults follow the clinic's own source articles; the
# figures published by health authorities are kept in duration_notes and
# sources so an admin can change the defaults.
# ---------------------------------------------------------------------------

TREATMENTS = [
    {
        "slug": "botox",
        "name": "Botox",
        "also_known_as": "botulinum toxin",
        "category": "Muscle-relaxing injection (a neuromodulator: it calms the nerve signal to a muscle)",
        "materials": "A purified, prescription-only protein (botulinum toxin type A), given in very small doses.",
        "summary": (
            "Botox is a prescription-only medicine, given as tiny injections into chosen muscles. "
            "It calms those muscles for a few months.\n\n"
            "It is mainly used to soften lines that form when you make expressions, such as frowning, "
            "squinting or raising your eyebrows. It can also help with heavy underarm sweating and, as "
            "off-label uses, with sweaty palms and a tight, overworked jaw muscle."
        ),
        "how_it_works": (
            "Muscles move when nerves send them a signal. Botox briefly interrupts that signal in the "
            "small area where it is injected, so the muscle moves less.\n\n"
            "When the muscle underneath is quieter, the skin above it is no longer folded over and over "
            "again, and expression lines look smoother. The effect wears off gradually as the nerve "
            "endings recover, and the treatment can then be repeated if you wish.\n\n"
            "In the underarms, and as an off-label use in the palms, the same effect on nerve signals reduces "
            "how much the sweat glands produce."
        ),
        "best_for": (
            "Lines caused by movement (dynamic lines): forehead lines, frown lines between the brows "
            "and crow's feet around the eyes. These are the uses on the Botox Cosmetic label.\n\n"
            "Vertical bands on the neck (platysma bands), added to the label in 2024.\n\n"
            "Heavy underarm sweating.\n\n"
            "Off-label, meaning outside the product's licence (your practitioner will explain what that "
            "means for you): sweaty palms, horizontal lines around the neck, and an overactive jaw muscle "
            "in people who clench or grind their teeth."
        ),
        "onset_days_min": 3,
        "onset_days_max": 7,
        "onset_text": "You can usually see a difference within a few days (often 3 to 7).",
        "duration_min_months": 4,
        "duration_max_months": 6,
        "duration_notes": (
            "Results vary from person to person and fade gradually as the muscle recovers. "
            "For underarm sweating, the American Academy of Dermatology reports relief lasting up to about "
            "6 months."
        ),
        "reference_duration_min_months": 3,
        "reference_duration_max_months": 4,
        "reference_duration_source": "the American Academy of Dermatology and the NHS, for lines and wrinkles",
        "reference_duration_concerns": ["lines-when-moving", "lines-at-rest"],
        "min_interval_days": 90,
        "off_label_note": (
            "This is an off-label use: the product's licence does not cover it. Practitioners may still offer "
            "it; your practitioner will explain what that means for you."
        ),
        "safety_notes": (
            "Rarely, the effect of the toxin can spread beyond the treated area and cause muscle weakness, "
            "double vision, a drooping eyelid, or trouble swallowing, speaking or breathing, hours to weeks "
            "after treatment. This is the FDA's boxed warning: get medical help at once if it happens."
        ),
        "procedure": (
            "A short, minimally invasive appointment at the clinic, usually "
            "taking only a few minutes once you have talked things through.\n\n"
            "Your practitioner asks you to make a few expressions to see which muscles are involved, "
            "then gives several tiny injections into those muscles through a very fine needle. "
            "Most people find it only mildly uncomfortable. No stitches or dressings are needed."
        ),
        "downtime": (
            "Little or none. Most people go straight back to their usual day.\n\n"
            "You may see small red marks, a little swelling or a small bruise where the needle went in. "
            "Your practitioner will give you simple aftercare advice for the rest of the day."
        ),
        "who_should_not": (
            "Botox is usually not given, or is postponed, if you:\n"
            "- are pregnant or breastfeeding;\n"
            "- have had an allergic reaction to botulinum toxin or any ingredient of the product;\n"
            "- have an infection, cold sore or inflamed skin where the injections would go;\n"
            "- have a condition affecting nerves and muscles, such as myasthenia gravis, "
            "ALS (motor neurone disease) or Lambert-Eaton syndrome (a rare condition that weakens the "
            "muscles);\n"
            "- are under 18 (in England it is illegal to give Botox for cosmetic reasons to under-18s).\n\n"
            "Your practitioner will also ask about your medicines and any earlier treatments."
        ),
        "sources": "\n".join(
            [
                "FDA \u2014 Botox Cosmetic prescribing information (glabellar, lateral canthal, forehead lines; platysma bands, 2024); boxed warning on distant spread of toxin effect; retreatment no sooner than 90 days",
                "FDA \u2014 Botox prescribing information (severe primary axillary hyperhidrosis: underarm sweating; palms, the jaw muscle and horizontal neck lines are not on the label)",
                "American Academy of Dermatology \u2014 Botox: what to expect (results in 3 to 7 days, lasting about 3 to 4 months)",
                "American Academy of Dermatology \u2014 Hyperhidrosis treatment with botulinum toxin (relief up to about 6 months)",
                "NHS \u2014 Botox injections (results last about 3 to 4 months; not advised in pregnancy or breastfeeding)",
                "UK government \u2014 Botulinum Toxin and Cosmetic Fillers (Children) Act 2021 (no cosmetic use under 18 in England from October 2021)",
                "Clinic blog article \u2014 \u201cBotox or fillers: which one is right for you?\u201d (fine lines and volume loss)",
                "Clinic blog article \u2014 \u201cDiscover the Power of Botox\u201d (how the two work; materials; side effects)",
                "Clinic blog article \u2014 \u201cWhat Is the Difference Between Botox & Dermal Fillers?\u201d (onset; eyelid drooping)",
                "Clinic blog article \u2014 \u201cWhat\u2019s the Difference Between Botox & Skin Fillers?\u201d (onset; 4 to 6 months)",
            ]
        ),
        "last_reviewed": REVIEWED,
        "status": "published",
        "position": 1,
    },
    {
        "slug": "dermal-filler",
        "name": "Dermal fillers",
        "name_in_sentence": "dermal fillers",
        "also_known_as": "skin fillers, soft tissue fillers",
        "category": "Injectable gel (dermal filler)",
        "materials": (
            "Hyaluronic acid (a sugar-like substance the skin makes itself), collagen, and calcium "
            "hydroxylapatite (tiny mineral particles like those in bone, carried in a gel). "
            "Poly-L-lactic acid works differently: rather than filling straight away, it prompts the skin "
            "to build its own collagen, so results build up gradually over a few months."
        ),
        "summary": (
            "Dermal fillers are soft gels injected under the skin to add back fullness and smooth out "
            "creases.\n\n"
            "They suit lines around the nose and mouth that stay put even when your face is relaxed, and "
            "areas that have become hollow or flat over time, such as the cheeks, lips or under the eyes. "
            "On the forehead, between the brows and beside the eyes, Botox is the labelled treatment for "
            "the area and is usually discussed first for lines at rest there too: a filler there carries the "
            "highest risk of blocking a blood vessel."
        ),
        "how_it_works": (
            "With age, the face gradually loses some of its fat, collagen and elasticity. Skin can then "
            "sink into hollows and settle into creases.\n\n"
            "A filler takes up space beneath the skin. It lifts a crease from below and restores shape "
            "where fullness has faded. Many fillers also encourage your body to make more of its own "
            "collagen, which supports the skin further.\n\n"
            "Most fillers are slowly broken down by the body over months, so the result is long-lasting "
            "but not permanent."
        ),
        "best_for": (
            "Lines that are visible at rest (static lines), such as the smile lines from nose to mouth "
            "and marionette lines at the corners of the mouth.\n\n"
            "Restoring lost volume in the cheeks, lips, under the eyes, chin and jawline."
        ),
        "onset_days_min": 0,
        "onset_days_max": 0,
        "onset_text": (
            "With hyaluronic acid you can see the difference almost straight away; poly-L-lactic acid "
            "builds up gradually over a few months. Swelling is common at first, so your practitioner "
            "will tell you when to judge the result."
        ),
        "duration_min_months": 6,
        "duration_max_months": 24,
        "duration_notes": (
            "How long it lasts depends on the product, the amount used and the area. The NHS gives about 6 to 18 months for "
            "hyaluronic acid. Collagen fillers last around 3 to 4 months; poly-L-lactic acid builds up over "
            "several months.\n\n"
            "Permanent fillers such as PMMA (tiny acrylic beads that the body does not break down) exist "
            "but are not part of this catalogue."
        ),
        "reference_duration_min_months": 6,
        "reference_duration_max_months": 12,
        "reference_duration_source": "the FDA, for hyaluronic acid fillers",
        "safety_notes": (
            "The riskiest places for a filler are between the brows, around the eyes, the forehead and the "
            "nose: there a filler can block a blood vessel, which can damage the skin or, rarely, cause "
            "blindness or a stroke. An experienced practitioner decides whether and how to treat these "
            "areas.\n\n"
            "Hyaluronic acid fillers can be dissolved with an enzyme, hyaluronidase. Practitioners use it to "
            "correct lumps or overfilling, and urgently if a filler blocks a blood vessel. Calcium "
            "hydroxylapatite, poly-L-lactic acid and PMMA fillers cannot be dissolved."
        ),
        "procedure": (
            "A short, minimally invasive appointment at the clinic. Many fillers "
            "contain a local anaesthetic (lidocaine), and numbing cream may be used as well.\n\n"
            "Your practitioner injects small amounts of gel through a fine needle or a thin blunt tube "
            "(cannula), shaping the area as they go. Treatment of one area usually takes well under an hour."
        ),
        "downtime": (
            "Little or none for most people; you can usually carry on with your day.\n\n"
            "Swelling, tenderness and bruising are common. The FDA notes that most side effects of fillers "
            "start soon after the injection and go within a few weeks, though some can appear weeks, months "
            "or even years later. Your practitioner will explain what to avoid afterwards, and when to get in "
            "touch if something does not feel right."
        ),
        "who_should_not": (
            "Fillers are usually not given, or are postponed, if you:\n"
            "- are pregnant or breastfeeding;\n"
            "- have had an allergic reaction to a filler ingredient, such as hyaluronic acid or lidocaine, "
            "or to an earlier injectable;\n"
            "- have an infection, cold sore or inflamed skin where the filler would go;\n"
            "- have a bleeding disorder (this needs careful discussion first);\n"
            "- are under 18 (illegal for cosmetic reasons in England; in the US most fillers are approved "
            "for people aged 22 and over).\n\n"
            "Your practitioner will also ask about blood-thinning medicines and any earlier treatments."
        ),
        "sources": "\n".join(
            [
                "FDA \u2014 Dermal fillers (soft tissue fillers): approved uses, materials, risks (most side effects go within a few weeks; some appear later) and who should not have them (ages 22 and over)",
                "FDA \u2014 Consumer update on dermal fillers (cheeks, lips, chin, jawline, under-eye hollows, nasolabial folds, perioral lines)",
                "FDA \u2014 Safety communication: unintentional injection of soft tissue filler into blood vessels in the face (2015)",
                "NHS \u2014 Dermal fillers (hyaluronic acid results last about 6 to 18 months)",
                "FDA \u2014 Dermal filler safety: the riskiest injection sites (between the brows, around the eyes, nose) and blocked blood vessels",
                "Kroumpouzos G, Treacy P. Hyaluronidase for dermal filler complications. JMIR Dermatology 2024;7:e50403 (doi:10.2196/50403)",
                "Wysong A et al. Hyaluronidase for the correction of filler complications. J Clin Investigat Dermatol 2015;3(2) (other filler materials cannot be dissolved)",
                "UK government \u2014 Botulinum Toxin and Cosmetic Fillers (Children) Act 2021 (no cosmetic use under 18 in England from October 2021)",
                "Clinic blog article \u2014 \u201cBotox or fillers: which one is right for you?\u201d (fine lines and volume loss)",
                "Clinic blog article \u2014 \u201cDiscover the Power of Botox\u201d (filler materials; nerve damage)",
                "Clinic blog article \u2014 \u201cWhat Is the Difference Between Botox & Dermal Fillers?\u201d (onset; collagen)",
                "Clinic blog article \u2014 \u201cWhat\u2019s the Difference Between Botox & Skin Fillers?\u201d (6 to 24 months)",
            ]
        ),
        "last_reviewed": REVIEWED,
        "status": "published",
        "position": 2,
    },
]

# ---------------------------------------------------------------------------
# Side effects, per treatment.
# ---------------------------------------------------------------------------

SIDE_EFFECTS = [
    # Botox
    {
        "treatment": "botox",
        "name": "Bruising",
        "frequency": "common",
        "description": "A small bruise where the needle went in.",
        "position": 1,
    },
    {
        "treatment": "botox",
        "name": "Swelling",
        "frequency": "common",
        "description": "Small bumps or slight puffiness at the injection points.",
        "position": 2,
    },
    {
        "treatment": "botox",
        "name": "Redness",
        "frequency": "common",
        "description": "Pink or red marks around the injection points.",
        "position": 3,
    },
    {
        "treatment": "botox",
        "name": "Pain at the injection site",
        "frequency": "common",
        "description": "Mild stinging during the injections or a little tenderness afterwards.",
        "position": 4,
    },
    {
        "treatment": "botox",
        "name": "Headache",
        "frequency": "common",
        "description": "Some people get a headache after the injections.",
        "position": 5,
    },
    {
        "treatment": "botox",
        "name": "Drooping eyelid or eyebrow",
        "frequency": "uncommon",
        "description": (
            "An eyelid or eyebrow can sit lower than usual for a while; the shape of some people's forehead "
            "makes this more likely. It wears off as the treatment fades: tell your practitioner. With weakness "
            "elsewhere, double vision, or trouble swallowing, speaking or breathing, get medical help at once, as "
            "the effect may have spread."
        ),
        "position": 6,
    },
    {
        "treatment": "botox",
        "name": "Spread of the effect beyond the treated area",
        "frequency": "rare-serious",
        "description": (
            "Very rarely the effect can spread further than intended, causing muscle weakness, double "
            "or blurred vision, a hoarse voice, or difficulty swallowing, speaking or breathing. This can "
            "happen hours to weeks later. The FDA carries a boxed warning about it. Get medical help "
            "urgently if you notice any of these."
        ),
        "position": 7,
    },
    {
        "treatment": "botox",
        "name": "Allergic reaction",
        "frequency": "rare-serious",
        "description": (
            "Rarely, an allergic reaction such as an itchy rash, wheezing, dizziness or swelling of the "
            "face or throat. Get medical help urgently if you have trouble breathing or feel faint."
        ),
        "position": 8,
    },
    # Dermal fillers
    {
        "treatment": "dermal-filler",
        "name": "Bruising",
        "frequency": "common",
        "description": "Bruises where the filler was placed.",
        "position": 1,
    },
    {
        "treatment": "dermal-filler",
        "name": "Swelling",
        "frequency": "common",
        "description": "The area can look puffy or uneven at first.",
        "position": 2,
    },
    {
        "treatment": "dermal-filler",
        "name": "Redness",
        "frequency": "common",
        "description": "Some redness around the treated area.",
        "position": 3,
    },
    {
        "treatment": "dermal-filler",
        "name": "Pain or tenderness",
        "frequency": "common",
        "description": "The area may feel sore or tender to touch at first.",
        "position": 4,
    },
    {
        "treatment": "dermal-filler",
        "name": "Itching",
        "frequency": "common",
        "description": "Mild itching at the treated spots, which usually passes on its own.",
        "position": 5,
    },
    {
        "treatment": "dermal-filler",
        "name": "Lumps or delayed swelling",
        "frequency": "uncommon",
        "description": (
            "Small firm lumps can sometimes be felt under the skin. Occasionally the area becomes swollen "
            "or inflamed weeks or months later, for example after an illness such as flu or after dental "
            "work. Let your practitioner know if this happens; it can usually be treated."
        ),
        "position": 6,
    },
    {
        "treatment": "dermal-filler",
        "name": "Infection",
        "frequency": "rare-serious",
        "description": (
            "Rarely, the treated area becomes infected. Signs include increasing pain, heat, redness, "
            "pus or a fever. Contact your practitioner or a doctor promptly."
        ),
        "position": 7,
    },
    {
        "treatment": "dermal-filler",
        "name": "Allergic reaction",
        "frequency": "rare-serious",
        "description": (
            "Rarely, an allergic reaction to the filler or the numbing medicine in it, such as a rash, "
            "marked swelling or difficulty breathing. Breathing problems need urgent medical help."
        ),
        "position": 8,
    },
    {
        "treatment": "dermal-filler",
        "name": "Filler entering a blood vessel (vascular occlusion)",
        "frequency": "rare-serious",
        "description": (
            "Very rarely, filler gets into a blood vessel and blocks blood flow. This can damage the skin, "
            "and in the worst cases cause loss of sight or a stroke. The risk is highest between the brows "
            "and around the eyes. Severe pain, pale or mottled skin, or any change in vision needs urgent help."
        ),
        "position": 9,
    },
    {
        "treatment": "dermal-filler",
        "name": "Nerve damage",
        "frequency": "rare-serious",
        "description": (
            "Rarely, a nerve can be injured during injection, causing numbness, tingling or weakness in "
            "part of the face. Tell your practitioner if you notice this."
        ),
        "position": 10,
    },
]

# ---------------------------------------------------------------------------
# Suggestion rules: which treatment addresses which concern in which area.
# Strength: 3 usual choice, 2 good option, 1 sometimes used.
# The reason is shown to the patient after "Why: ".
# ---------------------------------------------------------------------------

INDICATIONS = [
    {
        "treatment": "botox",
        "area": "forehead",
        "concern": "lines-when-moving",
        "reason": "Botox relaxes the muscle that lifts your brows, so the lines that appear across your forehead when you raise them usually soften.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "glabella",
        "concern": "lines-when-moving",
        "reason": "Botox relaxes the frown muscle, so lines that appear between your brows when you frown usually soften.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "crows-feet",
        "concern": "lines-when-moving",
        "reason": "Botox relaxes the muscle around the eye, so the crinkles that form when you smile or squint usually look softer.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "neck",
        "concern": "lines-when-moving",
        "reason": "Botox relaxes the thin neck muscle, so the vertical bands that stand out when you tense your neck usually become less visible.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "neck",
        "concern": "lines-at-rest",
        "reason": "Small doses of Botox are sometimes used for horizontal lines around the neck.",
        "strength": 1,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": True,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "underarms",
        "concern": "sweating",
        "reason": "Botox calms the nerve signals to the sweat glands, so heavy underarm sweating is usually much reduced for several months.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "hands",
        "concern": "sweating",
        "reason": "Botox calms the nerve signals to the sweat glands in your palms, which can reduce heavy hand sweating.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": True,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "jaw-muscle",
        "concern": "clenching",
        "reason": "Botox can relax an overworked chewing muscle, which may ease clenching, grinding and jaw tension.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": True,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "glabella",
        "concern": "lines-at-rest",
        "reason": "Frown lines that stay at rest are deepened by years of frowning. Relaxing the frown muscle is the labelled treatment between the brows and can soften them, though deeply etched lines may not go completely.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "forehead",
        "concern": "lines-at-rest",
        "reason": "Forehead lines that stay at rest are deepened by years of raising the brows. Relaxing that muscle is the labelled treatment for forehead lines and can soften them.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "botox",
        "area": "crows-feet",
        "concern": "lines-at-rest",
        "reason": "Lines beside the eyes that stay at rest are deepened by years of smiling and squinting. Relaxing the muscle around the eye is the labelled treatment for crow's feet and can soften them.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "under-eyes",
        "concern": "volume-loss",
        "reason": "A filler can gently fill the hollow under your eyes, so shadows that make you look tired are often less noticeable.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "Near the eyes and brows a filler can block a blood vessel, which can damage the skin or, rarely, cause blindness or a stroke: this is why an experienced practitioner decides whether a filler suits this area.",
    },
    {
        "treatment": "dermal-filler",
        "area": "cheeks",
        "concern": "volume-loss",
        "reason": "A filler adds back fullness where your cheeks have flattened or hollowed, lifting and reshaping the mid face.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "nasolabial-folds",
        "concern": "volume-loss",
        "reason": "Restoring a little volume beside the nose can soften smile lines that have deepened as fullness faded.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "lips",
        "concern": "volume-loss",
        "reason": (
            "A filler can restore fullness and shape to lips that have become thinner; with a hyaluronic acid "
            "filler the difference shows almost straight away."
        ),
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "marionette-lines",
        "concern": "volume-loss",
        "reason": "Adding volume at the corners of your mouth can lift a downturned look where fullness has been lost.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "chin",
        "concern": "volume-loss",
        "reason": "A filler can add shape and projection where your chin has flattened or receded, balancing the lower face.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "jawline",
        "concern": "volume-loss",
        "reason": "A filler placed along the jaw can restore definition where your jawline has softened over time.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "forehead",
        "concern": "lines-at-rest",
        "reason": "Filler is sometimes used for forehead lines that stay etched in even at rest; discuss with your practitioner whether it suits you.",
        "strength": 1,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "Near the eyes and brows a filler can block a blood vessel, which can damage the skin or, rarely, cause blindness or a stroke: this is why an experienced practitioner decides whether a filler suits this area.",
    },
    {
        "treatment": "dermal-filler",
        "area": "glabella",
        "concern": "lines-at-rest",
        "reason": "Filler is sometimes used for frown lines that stay at rest, but between the brows it carries the highest risk of any area.",
        "strength": 1,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "Near the eyes and brows a filler can block a blood vessel, which can damage the skin or, rarely, cause blindness or a stroke: this is why an experienced practitioner decides whether a filler suits this area.",
    },
    {
        "treatment": "dermal-filler",
        "area": "crows-feet",
        "concern": "lines-at-rest",
        "reason": "Filler is sometimes used for lines beside the eyes that stay etched in at rest; discuss with your practitioner whether it suits you.",
        "strength": 1,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "Near the eyes and brows a filler can block a blood vessel, which can damage the skin or, rarely, cause blindness or a stroke: this is why an experienced practitioner decides whether a filler suits this area.",
    },
    {
        "treatment": "dermal-filler",
        "area": "nasolabial-folds",
        "concern": "lines-at-rest",
        "reason": "A filler lifts the crease from below, so smile lines that stay visible when your face is relaxed usually look softer.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "lips",
        "concern": "lines-at-rest",
        "reason": "A small amount of filler can smooth fine lines around your mouth that are there even when you are not moving it.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "marionette-lines",
        "concern": "lines-at-rest",
        "reason": "A filler supports the skin below the corners of your mouth, so lines that stay there at rest usually look less deep.",
        "strength": 3,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
    {
        "treatment": "dermal-filler",
        "area": "chin",
        "concern": "lines-at-rest",
        "reason": "A filler can smooth a crease across your chin that stays visible when your face is relaxed.",
        "strength": 2,
        "duration_min_months": None,
        "duration_max_months": None,
        "off_label": False,
        "caution": "",
    },
]

# ---------------------------------------------------------------------------
# Screening questions for the intake form.
# ---------------------------------------------------------------------------

PRECAUTIONS = [
    {
        "slug": "pregnant",
        "name": "pregnancy or breastfeeding",
        "question": "Are you pregnant, trying to get pregnant, or breastfeeding?",
        "detail_prompt": "Anything you would like to add (for example, how many weeks)?",
        "treatments": ["botox", "dermal-filler"],
        "practitioner_note": (
            "Botulinum toxin and dermal fillers are usually postponed during pregnancy and breastfeeding, "
            "as safety has not been established (NHS; Botox label cautions). Discuss timing and defer "
            "elective treatment."
        ),
        "patient_note": (
            "Tell your practitioner about this. Cosmetic injections are usually postponed while you are "
            "pregnant or breastfeeding, simply because there is not enough evidence about safety. "
            "You can talk about timing that suits you."
        ),
        "position": 1,
    },
    {
        "slug": "neuromuscular",
        "name": "a condition of the nerves or muscles",
        "question": "Do you have a condition that affects your nerves or muscles, such as myasthenia gravis, ALS (motor neurone disease) or Lambert-Eaton syndrome?",
        "detail_prompt": "Which condition?",
        "treatments": ["botox"],
        "practitioner_note": (
            "Patients with neuromuscular junction disorders (myasthenia gravis, ALS, Lambert-Eaton "
            "syndrome) are at increased risk of clinically significant effects, including severe "
            "dysphagia and respiratory compromise, even at usual doses (FDA label). Botox is generally "
            "avoided; review with the patient's specialist if considered."
        ),
        "patient_note": (
            "Tell your practitioner about this. Conditions like these can make serious side effects "
            "from Botox more likely, so your practitioner will talk through whether it is suitable and "
            "what other options there are."
        ),
        "position": 2,
    },
    {
        "slug": "allergy-toxin",
        "name": "an allergy to botulinum toxin",
        "question": "Have you ever had an allergic reaction to botulinum toxin (Botox or a similar product)?",
        "detail_prompt": "Which product, and what happened?",
        "treatments": ["botox"],
        "practitioner_note": (
            "Known hypersensitivity to any botulinum toxin product or its ingredients is a contraindication "
            "to Botox (FDA label)."
        ),
        "patient_note": (
            "Tell your practitioner about this. An allergy to botulinum toxin usually rules out Botox; "
            "they will talk through other options with you."
        ),
        "position": 3,
    },
    {
        "slug": "allergy-hyaluronic-acid",
        "name": "an allergy to hyaluronic acid",
        "question": "Have you ever had an allergic reaction to hyaluronic acid (the gel in most fillers)?",
        "detail_prompt": "Which product, and what happened?",
        "treatments": ["dermal-filler"],
        "practitioner_note": (
            "Hypersensitivity to hyaluronic acid is a contraindication to hyaluronic acid fillers (FDA); "
            "check the product's ingredients against the history."
        ),
        "patient_note": (
            "Tell your practitioner about this. It rules out fillers made of hyaluronic acid; they will "
            "tell you whether another kind would be safe for you."
        ),
        "position": 4,
    },
    {
        "slug": "allergy-lidocaine",
        "name": "an allergy to lidocaine",
        "question": "Have you ever had an allergic reaction to lidocaine or another numbing medicine?",
        "detail_prompt": "Which medicine, and what happened?",
        "treatments": ["dermal-filler"],
        "practitioner_note": (
            "Many fillers contain lidocaine: hypersensitivity to lidocaine or amide local anaesthetics is "
            "a contraindication to those products (FDA)."
        ),
        "patient_note": (
            "Tell your practitioner about this. Many fillers contain lidocaine, so they will choose a "
            "product without it or talk through other options."
        ),
        "position": 5,
    },
    {
        "slug": "allergy-other",
        "name": "an allergic reaction to an earlier injectable or a severe allergy",
        "question": "Have you had an allergic reaction to another injectable treatment, or a severe allergic reaction (anaphylaxis) to anything?",
        "detail_prompt": "What were you allergic to, and what happened?",
        "treatments": ["botox", "dermal-filler"],
        "practitioner_note": (
            "A reaction to an earlier injectable, or a history of severe allergy or anaphylaxis, needs "
            "review before any injectable; severe allergies are a contraindication to fillers (FDA)."
        ),
        "patient_note": (
            "Tell your practitioner about this. Knowing what you reacted to helps them choose a product "
            "that is safe for you, or decide together that a different approach is better."
        ),
        "position": 6,
    },
    {
        "slug": "skin-infection",
        "name": "an infection or inflamed skin where you want treatment",
        "question": "Do you currently have an infection, a cold sore, a rash or inflamed skin where you would like treatment?",
        "detail_prompt": "Where, and what is it?",
        "treatments": ["botox", "dermal-filler"],
        "practitioner_note": (
            "Active infection or inflammation at the proposed injection site is a contraindication at "
            "that site (FDA label; NHS). Defer until resolved. For perioral filler, ask about a history "
            "of cold sores."
        ),
        "patient_note": (
            "Tell your practitioner about this. Treatment is usually delayed until the skin has healed, "
            "to avoid spreading or worsening the problem. It usually means a later appointment, once the "
            "skin is clear."
        ),
        "position": 7,
    },
    {
        "slug": "blood-thinners",
        "name": "blood-thinning medicine or a bleeding disorder",
        "question": "Do you take blood-thinning medicine (such as warfarin, other anticoagulants or aspirin), or do you have a bleeding disorder?",
        "detail_prompt": "Which medicine or condition?",
        "treatments": ["botox", "dermal-filler"],
        "practitioner_note": (
            "Anticoagulants, antiplatelets (including aspirin) and some supplements increase bruising "
            "and bleeding at injection sites. Bleeding disorders are a caution for dermal fillers (FDA). "
            "Do not advise stopping prescribed medicines; discuss with the prescriber if relevant."
        ),
        "patient_note": (
            "Tell your practitioner about this, and keep taking your medicines unless your own doctor "
            "says otherwise. You may bruise or bleed more easily where the needle goes in, and a bleeding "
            "disorder is a reason for extra care with fillers: your practitioner will go through this with "
            "you before any treatment."
        ),
        "position": 8,
    },
    {
        "slug": "eyelid-droop",
        "name": "drooping eyelids or brows before",
        "question": "Have you ever had drooping eyelids or eyebrows, either naturally or after an earlier treatment?",
        "detail_prompt": "When did it happen, and after which treatment?",
        "treatments": ["botox"],
        "practitioner_note": (
            "Pre-existing ptosis, brow heaviness or ptosis after earlier toxin treatment raises the risk "
            "of eyelid or brow drooping with forehead and glabellar injections; forehead anatomy matters "
            "(seed 002; FDA label). Assess brow position and frontalis dependence before treating the "
            "forehead and brows."
        ),
        "patient_note": (
            "Tell your practitioner about this. It can make drooping of the eyelid or brow after Botox "
            "more likely, so your practitioner will check this before treating your forehead and brows."
        ),
        "position": 9,
    },
]

# What a yes does to a suggested treatment, beside the flag (FDA labels; NHS): pregnancy and infection at the site
# postpone; a neuromuscular condition or an allergy to the product waits for a practitioner's review.
PRECAUTION_EFFECTS = [
    {"precaution": "pregnant", "treatment": "botox", "effect": "postponed"},
    {"precaution": "pregnant", "treatment": "dermal-filler", "effect": "postponed"},
    {"precaution": "neuromuscular", "treatment": "botox", "effect": "review"},
    {"precaution": "allergy-toxin", "treatment": "botox", "effect": "review"},
    {"precaution": "allergy-hyaluronic-acid", "treatment": "dermal-filler", "effect": "review"},
    {"precaution": "allergy-lidocaine", "treatment": "dermal-filler", "effect": "review"},
    {"precaution": "allergy-other", "treatment": "botox", "effect": "review"},
    {"precaution": "allergy-other", "treatment": "dermal-filler", "effect": "review"},
    {"precaution": "skin-infection", "treatment": "botox", "effect": "postponed"},
    {"precaution": "skin-infection", "treatment": "dermal-filler", "effect": "postponed"},
]
