"""Emails to patients: from the no-reply sender, answered to the clinic (CLINIC_EMAIL), since they ask for replies."""

from django.conf import settings
from django.core.mail import EmailMessage


def patient_mail_send(*, subject: str, body: str, to: str) -> None:
    EmailMessage(subject=subject, body=body, to=[to], reply_to=[settings.CLINIC_EMAIL]).send()
