"""Tokens in URL paths never reach a log line."""

import logging

from django.conf import settings

from clinic.log_redaction import RedactTokensFilter, path_redacted


def test_claim_and_password_reset_tokens_are_blanked():
    assert path_redacted("/me/claim/IkFCQ0QiOjE:1v2x3y:AbCdEf/") == "/me/claim/[redacted]"
    assert path_redacted("GET /accounts/reset/MQ/cxyz-0123abcd/ HTTP/1.1") == "GET /accounts/reset/[redacted] HTTP/1.1"
    assert path_redacted("/staff/consultations/ABCD-EFGH-JKMN/") == "/staff/consultations/ABCD-EFGH-JKMN/"


def test_djangos_not_found_line_loses_the_token():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/me/claim/SECRET/",), None
    )
    RedactTokensFilter().filter(record)
    assert record.getMessage() == "Not Found: /me/claim/[redacted]"


def test_every_console_line_passes_the_filter():
    assert "redact_tokens" in settings.LOGGING["handlers"]["console"]["filters"]
