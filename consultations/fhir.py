"""The intake form as a FHIR R4 Questionnaire, and a saved consultation as its QuestionnaireResponse."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.forms import IntakeForm
from consultations.models import Consultation, EarlierTreatment, ReportedConcern, ScreeningAnswer
from consultations.suggestions import Rules

# The structures follow FHIR R4 (4.0.1); they are checked against fhir.resources' R4B models (4.3.0), the
# closest to R4 that fhir.resources 8 ships, whose Questionnaire and QuestionnaireResponse match R4's.
QUESTIONNAIRE_URL = "urn:clinic:questionnaire:consultation-intake"
CONSULTATION_SYSTEM = "urn:clinic:consultation"
AREA_SYSTEM = "urn:clinic:area"
CONCERN_SYSTEM = "urn:clinic:concern"
SEVERITY_SYSTEM = "urn:clinic:severity"
CONTACT_METHOD_SYSTEM = "urn:clinic:contact-method"
TREATMENT_SYSTEM = "urn:clinic:treatment"
PRECAUTION_SYSTEM = "urn:clinic:precaution"
# The form's sections, in order: the top-level groups of both resources. FHIR wants every linkId in a
# Questionnaire unique, and the consent section holds the form's `consent` field, hence its longer name.
SECTIONS = {
    "about-you": gettext_lazy("About you"),
    "what-bothers-you": gettext_lazy("What bothers you"),
    "earlier-treatments": gettext_lazy("Earlier treatments"),
    "medical-screening": gettext_lazy("Medical screening"),
    "consent-section": gettext_lazy("Consent"),
}


# The Questionnaire ----------------------------------------------------------------------------------


def questionnaire(rules: Rules) -> dict:
    """The intake form the given rules build, as a FHIR Questionnaire; its version is the rules' version.

    Item linkIds are the form's field names; question texts are the form's labels in the active language.
    """
    form = IntakeForm(rules=rules)
    areas = {area.slug: area for area in rules.areas}
    what_bothers_you = []
    for _region, slugs in form.area_fields:
        for slug in slugs:
            area_code = [_coding(AREA_SYSTEM, slug, areas[slug].name)]
            what_bothers_you.append(
                _question(form, f"area-{slug}", "choice", CONCERN_SYSTEM, repeats=True, code=area_code)
            )
            what_bothers_you.append(_question(form, f"severity-{slug}", "choice", SEVERITY_SYSTEM, code=area_code))
    what_bothers_you.append(_question(form, "goals", "text"))

    earlier = []
    for treatment in rules.treatments:
        ticked = f"earlier-{treatment.slug}"
        code = [_coding(TREATMENT_SYSTEM, treatment.slug, treatment.name)]
        when_ticked = {"enableWhen": [{"question": ticked, "operator": "=", "answerBoolean": True}]}
        earlier += [
            _question(form, ticked, "boolean", code=code),
            # The form asks for the months only once the box is ticked, and then insists on them.
            {**_question(form, f"{ticked}-months", "integer", code=code), **when_ticked, "required": True},
            {**_question(form, f"{ticked}-outcome", "text", code=code), **when_ticked},
        ]

    screening = []
    for precaution in rules.precautions:
        code = [_coding(PRECAUTION_SYSTEM, precaution.slug, precaution.question)]
        screening += [
            _question(form, f"screening-{precaution.slug}", "boolean", code=code),
            _question(form, f"screening-{precaution.slug}-detail", "string", code=code),
        ]

    sections = {
        "about-you": [
            _question(form, "full_name", "string"),
            _question(form, "email", "string"),
            _question(form, "phone", "string"),
            _question(form, "date_of_birth", "date"),
            _question(form, "contact_method", "choice", CONTACT_METHOD_SYSTEM),
        ],
        "what-bothers-you": what_bothers_you,
        "earlier-treatments": earlier,
        "medical-screening": screening,
        "consent-section": [_question(form, "consent", "boolean")],
    }
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": rules.version,
        "name": "ConsultationIntake",
        "title": _("Consultation intake"),
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {"linkId": link_id, "text": str(SECTIONS[link_id]), "type": "group", "item": items}
            for link_id, items in sections.items()
            if items  # a catalogue with no treatments, say, has no questions about earlier ones
        ],
    }


def _question(form: IntakeForm, name: str, kind: str, system: str = "", *, repeats=False, code=None) -> dict:
    """One question, worded and constrained as the form's field `name` is."""
    field = form.fields[name]
    item = {"linkId": name, "text": str(field.label), "type": kind, "required": bool(field.required)}
    if code:
        item["code"] = code
    if repeats:
        item["repeats"] = True
    if getattr(field, "max_length", None) and kind in {"string", "text"}:
        item["maxLength"] = field.max_length
    if kind == "choice":
        item["answerOption"] = [
            {"valueCoding": _coding(system, value, label)} for value, label in field.choices if value != ""
        ]
    return item


def _coding(system: str, code: str, display) -> dict:
    return {"system": system, "code": code, "display": str(display)}


# The QuestionnaireResponse --------------------------------------------------------------------------


def questionnaire_response(consultation: Consultation) -> dict:
    """One saved consultation's answers, personal details included, for the clinic's own systems.

    Only answered questions appear, and a section with none is left out. Three queries, fewer if the
    consultation's concerns, earlier treatments and screening answers are already prefetched.
    """
    prefetch_related_objects(
        [consultation],
        Prefetch("concerns", queryset=ReportedConcern.objects.select_related("area", "concern")),
        Prefetch(
            "earlier_treatments",
            queryset=EarlierTreatment.objects.select_related("treatment").order_by(
                "treatment__position", "treatment__name"
            ),
        ),
        Prefetch("screening_answers", queryset=ScreeningAnswer.objects.select_related("precaution")),
    )
    c = consultation
    contact_method = _coding(CONTACT_METHOD_SYSTEM, c.contact_method, c.get_contact_method_display())
    about_you = [
        _answered("full_name", _label("full_name"), _string(c.full_name)),
        _answered("email", _label("email"), _string(c.email)),
        _answered("phone", _label("phone"), _string(c.phone)),
        _answered("date_of_birth", _label("date_of_birth"), [{"valueDate": c.date_of_birth.isoformat()}]),
        _answered("contact_method", _label("contact_method"), [{"valueCoding": contact_method}]),
    ]

    what_bothers_you = []
    by_area: dict[str, list[ReportedConcern]] = {}
    for reported in c.concerns.all():
        by_area.setdefault(reported.area.slug, []).append(reported)
    for slug, reported_concerns in by_area.items():
        area = reported_concerns[0].area
        what_bothers_you.append(
            _answered(
                f"area-{slug}",
                area.name,
                [
                    {"valueCoding": _coding(CONCERN_SYSTEM, r.concern.slug, r.concern.patient_wording)}
                    for r in reported_concerns
                ],
            )
        )
        # The form asks one severity per area; each of the area's concerns keeps a copy of it.
        severity = next((r for r in reported_concerns if r.severity), None)
        if severity:
            what_bothers_you.append(
                _answered(
                    f"severity-{slug}",
                    _("%(area)s: how much does it bother you?") % {"area": area.name},
                    [{"valueCoding": _coding(SEVERITY_SYSTEM, severity.severity, severity.get_severity_display())}],
                )
            )
    what_bothers_you.append(_answered("goals", _label("goals"), _string(c.goals)))

    earlier = []
    for had in c.earlier_treatments.all():
        slug, name = had.treatment.slug, {"name": had.treatment.name}
        earlier += [
            _answered(
                f"earlier-{slug}", _("I have had this treatment before: %(name)s") % name, [{"valueBoolean": True}]
            ),
            _answered(
                f"earlier-{slug}-months",
                _("About how many months ago? (%(name)s)") % name,
                [{"valueInteger": had.months_ago}],
            ),
            _answered(f"earlier-{slug}-outcome", _("How did it go? (%(name)s)") % name, _string(had.outcome)),
        ]

    screening = []
    for answer in c.screening_answers.all():
        slug = answer.precaution.slug
        detail_text = answer.precaution.detail_prompt or _("Details (optional)")
        screening += [
            # The question as the patient saw it, which may since have been reworded in the catalogue.
            _answered(f"screening-{slug}", answer.question, [{"valueBoolean": answer.answer}]),
            _answered(f"screening-{slug}-detail", detail_text, _string(answer.detail)),
        ]

    consent = [_answered("consent", _label("consent"), [{"valueBoolean": True}] if c.consented_at else [])]

    sections = {
        "about-you": about_you,
        "what-bothers-you": what_bothers_you,
        "earlier-treatments": earlier,
        "medical-screening": screening,
        "consent-section": consent,
    }
    return {
        "resourceType": "QuestionnaireResponse",
        "id": c.reference,
        "extension": _suggestion_shown(c.suggestion),
        "identifier": {"system": CONSULTATION_SYSTEM, "value": c.reference},
        "questionnaire": f"{QUESTIONNAIRE_URL}|{c.rules_version}",
        "status": "completed",
        "authored": c.created_at.isoformat(),
        "item": [
            {"linkId": link_id, "text": str(SECTIONS[link_id]), "item": answered}
            for link_id, items in sections.items()
            if (answered := [item for item in items if item is not None])
        ],
    }


# What the patient was shown, beside their answers: each suggested treatment, whether it includes an off-label
# use, what holds it back, and its reasons (which carry the off-label sentence and any caution).
SUGGESTION_EXTENSION = "urn:clinic:fhir:suggestion-shown"


def _suggestion_shown(suggestion: dict) -> list[dict]:
    return [
        {
            "url": SUGGESTION_EXTENSION,
            "extension": [
                {"url": "treatment", "valueCoding": _coding(TREATMENT_SYSTEM, shown["treatment"], shown["name"])},
                {"url": "offLabel", "valueBoolean": bool(shown.get("off_label"))},
                *({"url": "hold", "valueString": hold} for hold in shown.get("holds", [])),
                *({"url": "reason", "valueString": reason} for reason in shown["reasons"]),
            ],
        }
        for shown in suggestion.get("suggestions", [])
    ]


def _label(name: str) -> str:
    """The label of one of the form's fixed fields, as the Questionnaire words it."""
    return str(IntakeForm.base_fields[name].label)


def _answered(link_id: str, text, answers: list[dict]) -> dict | None:
    """A response item, or None when there is nothing to say: FHIR has no empty answers."""
    if not answers:
        return None
    return {"linkId": link_id, "text": str(text), "answer": answers}


def _string(value: str) -> list[dict]:
    """A text answer as given, or none if it is blank."""
    return [{"valueString": value}] if value and value.strip() else []
