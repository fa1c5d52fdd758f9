"""Tokens in URL paths never reach a log line."""

import logging

from django.conf import settings

from clinic.log_redaction import RedactTokensFilter, path_redacted


def test_claim_password_reset_email_confirmation_and_saved_form_tokens_are_blanked():
    assert path_redacted("/me/claim/IkFCQ0QiOjE:1v2x3y:AbCdEf/") == "/me/claim/[redacted]"
    assert (
        path_redacted("GET /accounts/password/reset/key/1-cxyz-0123abcd/ HTTP/1.1")
        == "GET /accounts/password/reset/key/[redacted] HTTP/1.1"
    )
    assert (
        path_redacted("POST /accounts/confirm-email/Mg:1xY:abc/ HTTP/1.1")
        == "POST /accounts/confirm-email/[redacted] HTTP/1.1"
    )
    assert path_redacted("GET /consultation/resume/Xy_9-abc/ HTTP/1.1") == (
        "GET /consultation/resume/[redacted] HTTP/1.1"
    )
    # The page that says an email was sent has no token, and keeps its path.
    assert path_redacted("GET /accounts/confirm-email/ HTTP/1.1") == "GET /accounts/confirm-email/ HTTP/1.1"
    assert path_redacted("/staff/consultations/ABCD-EFGH-JKMN/") == "/staff/consultations/ABCD-EFGH-JKMN/"


def test_djangos_not_found_line_loses_the_token():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/me/claim/SECRET/",), None
    )
    RedactTokensFilter().filter(record)
    assert record.getMessage() == "Not Found: /me/claim/[redacted]"


def test_every_console_line_passes_the_filter():
    assert "redact_tokens" in settings.LOGGING["handlers"]["console"]["filters"]


def handlers_reached(logger: logging.Logger) -> list[logging.Handler]:
    found = []
    while logger:
        # pytest's own capturing handlers sit on the root logger during tests; they are not the app's.
        found.extend(h for h in logger.handlers if not type(h).__module__.startswith("_pytest"))
        logger = logger.parent if logger.propagate else None
    return found


def test_runservers_request_lines_and_djangos_warnings_pass_the_filter_and_only_it():
    for name in ("django.server", "django.request", "django.security.csrf"):
        handlers = handlers_reached(logging.getLogger(name))
        assert handlers, name
        for handler in handlers:
            assert any(isinstance(f, RedactTokensFilter) for f in handler.filters), (name, handler)
