"""A valid intake submission as plain data: what the form hands to the service that saves it."""

import datetime
import hashlib
from dataclasses import dataclass, replace

from consultations.suggestions import Answers, EarlierTreatment


@dataclass(frozen=True)
class Intake:
    """A valid submission, in plain data for the service that saves it."""

    submission_token: object
    full_name: str
    email: str
    phone: str
    date_of_birth: datetime.date
    contact_method: str
    goals: str
    concerns: tuple[tuple[str, str, str], ...]  # (area, concern, severity)
    earlier: tuple[tuple[str, int, str], ...]  # (treatment, months ago, how it went)
    screening: tuple[tuple[str, bool, str], ...]  # (precaution, answer, detail)

    def fingerprint(self) -> str:
        """The same for two submissions with the same answers, whatever their submission tokens."""
        return hashlib.sha256(repr(replace(self, submission_token=None)).encode()).hexdigest()

    def answers(self) -> Answers:
        return Answers(
            concerns=frozenset((area, concern) for area, concern, _ in self.concerns),
            precautions=frozenset(slug for slug, yes, _ in self.screening if yes),
            earlier=tuple(EarlierTreatment(slug, months) for slug, months, _ in self.earlier),
        )
