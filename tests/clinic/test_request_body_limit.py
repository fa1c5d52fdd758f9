"""Bodies are capped before anything reads them (REQUEST_BODY_MAX_BYTES), and no page takes a file upload."""

import pytest
from django.test import Client

from consultations.models import Consultation
from tests.consultations.factories import intake_data

pytestmark = pytest.mark.django_db


def test_a_12_mb_upload_to_the_intake_is_refused(client, catalogue):
    big = b"x" * (12 * 1024 * 1024)
    body = (
        b'--b\r\nContent-Disposition: form-data; name="full_name"\r\n\r\nAda\r\n'
        b'--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n" + big + b"\r\n--b--\r\n"
    )
    response = client.post("/consultation/", body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert not Consultation.objects.exists()


def test_a_file_in_a_small_form_is_refused(client, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.raise_request_exception = False
    response = client.post("/consultation/", {**intake_data(), "photo": SimpleUploadedFile("a.jpg", b"\xff\xd8")})
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, catalogue, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    response = client.post("/consultation/", "goals=" + "x" * 2000, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_the_form_as_browsers_send_it_still_works(catalogue):
    from urllib.parse import urlencode

    response = Client().post(
        "/consultation/", urlencode(intake_data(), doseq=True), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
