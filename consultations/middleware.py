"""A clinic tablet in a patient's hands stays on its own pages."""

from django.shortcuts import redirect

from consultations.tablet import on_tablet, tablet_lock

TABLET_PATHS = ("/consultation/tablet/", "/static/", "/favicon.ico")


class TabletConfinementMiddleware:
    """Leaving the tablet's pages (a link, a typed address, Back into history) locks the tablet, so the patient can
    neither reach the rest of the site with the hand-over still open nor leave anything there for the next person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if on_tablet(request) and not request.path.startswith(TABLET_PATHS):
            tablet_lock(request)
            return redirect("consultations:tablet-locked")
        return self.get_response(request)
