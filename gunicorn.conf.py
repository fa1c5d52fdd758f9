"""gunicorn's settings for this app, read from the project folder wherever gunicorn starts there.

Access lines carry the method, path and status, never the query string or the referrer: a staff search puts a
patient's name, email or phone number in the query (`/staff/?q=...`). Tokens in a path (a claim or password reset
link) are blanked out.
"""

from gunicorn.glogging import Logger

from clinic.log_redaction import path_redacted

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'


class TokenRedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = path_redacted(atoms["U"])
        return atoms


logger_class = TokenRedactingLogger
