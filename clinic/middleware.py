"""Checks made on every request before any view, session lookup or body parsing runs."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest


class RejectNulMiddleware:
    """NUL characters: PostgreSQL can neither store nor compare them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Form fields already refuse NUL in bodies; query strings reach filters and the admin unvalidated.
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(
                "This address contains a character that is not allowed (NUL). Remove it and try again.",
                content_type="text/plain; charset=utf-8",
            )
        # A cookie with NUL was never set by us: the visitor carries on as if it were not there.
        for name in [name for name, value in request.COOKIES.items() if "\x00" in name or "\x00" in value]:
            del request.COOKIES[name]
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuses a body larger than REQUEST_BODY_MAX_BYTES before anything reads it: Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE does not count the file parts of a multipart body (clinic/uploads.py refuses those)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("The Content-Length header is not a number.", content_type="text/plain")
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return HttpResponse(
                "What was sent is too large for this site.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
