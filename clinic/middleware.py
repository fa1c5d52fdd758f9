"""Refuses query strings with NUL characters, which PostgreSQL cannot store or compare, before any view runs."""

from django.http import HttpResponseBadRequest


class RejectNulInQueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Form fields already refuse NUL in bodies; query strings reach filters and the admin unvalidated.
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(
                "This address contains a character that is not allowed (NUL). Remove it and try again.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
