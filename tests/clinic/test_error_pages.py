"""Errors get pages in the site's layout, not Django's defaults."""

import pytest
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view), path("", include("clinic.urls"))]


def test_unknown_url_gets_the_site_404(client):
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_crash_gets_the_site_500(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html
