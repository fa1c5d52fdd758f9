"""Refuses NUL characters before any view or session lookup runs: PostgreSQL can neither store nor compare them."""

from django.http import HttpResponseBadRequest


class RejectNulMiddleware:
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
