"""Values read at most once per request, such as the cache stamps that several parts of one page ask for.

Each stamp is a round trip to the shared cache (about 0.5 ms to Redis on the bench machine), and the staff detail
page asked for the same two stamps five times. Inside a request the first answer is kept; outside one (management
commands, the shell, tests that call the functions directly) nothing is kept, so a long-running process never
holds on to an old stamp. Everything is forgotten when the request ends.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started

_state = Local()


def remembered(key: str, read):
    """read() the first time in a request, the same value after that; read() every time outside a request."""
    values = getattr(_state, "values", None)
    if values is None:
        return read()
    if key not in values:
        values[key] = read()
    return values[key]


def forget(key: str) -> None:
    """Drop one value, e.g. after the stamp it holds was renewed during the request."""
    values = getattr(_state, "values", None)
    if values is not None:
        values.pop(key, None)


def _request_started(**kwargs) -> None:
    _state.values = {}


def _request_finished(**kwargs) -> None:
    _state.values = None


request_started.connect(_request_started, dispatch_uid="clinic-request-memo-start")
request_finished.connect(_request_finished, dispatch_uid="clinic-request-memo-finish")
