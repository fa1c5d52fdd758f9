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


def test_a_page_another_role_may_not_open_gets_the_site_403_with_a_way_on(client):
    from tests.consultations.people import make_user, sign_in

    sign_in(client, make_user("pat"))
    response = client.get("/staff/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is not open to you" in html and "You are signed in as pat" in html
    assert 'href="/accounts/landing/"' in html and "/static/css/site.css" in html


def test_a_form_sent_without_its_csrf_token_gets_the_site_page_saying_nothing_was_saved():
    response = Client(enforce_csrf_checks=True).post("/consultation/", {"full_name": "Ada"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html and "Nothing was saved." in html
    assert "/static/css/site.css" in html


def test_too_many_sign_ins_from_one_address_get_the_site_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/900s/ip"}
    client.post("/accounts/login/", {"login": "x", "password": "y"})
    response = client.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts from your connection" in html and "/static/css/site.css" in html
