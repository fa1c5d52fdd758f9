"""gunicorn's settings for this app, read from the project folder wherever gunicorn starts there.

Access lines carry the method, path and status, never the query string or the referrer: a staff search puts a
patient's name, email or phone number in the query (`/staff/?q=...`).
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'
