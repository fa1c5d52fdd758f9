"""Tokens that travel in URL paths (a claim link, a password-reset link, an email-confirmation link, a saved form's
link) are blanked out of every log line."""

import logging
import re

TOKEN_IN_PATH = re.compile(
    r"(/me/claim/|/accounts/password/reset/key/|/accounts/confirm-email/|/consultation/resume/)(?!\s|\"|\?)[^\s\"?]+"
)


def path_redacted(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1[redacted]", text)


class RedactTokensFilter(logging.Filter):
    """For Django's loggers: "Not Found: /me/claim/<token>/" and the like keep the page but lose the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(path_redacted(arg) if isinstance(arg, str) else arg for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = path_redacted(record.msg)
        return True
