"""consultations/templatetags/queue_filters.py: the queue's filter fields as HTML, as the template wrote them."""

import pytest

from consultations.models import Consultation
from consultations.queue import QueueFilter
from consultations.templatetags.queue_filters import queue_filter_field

pytestmark = pytest.mark.django_db


def field(data, name):
    filters = QueueFilter(data, queryset=Consultation.objects.all())
    filters.is_valid()
    return filters.form[name]


def test_a_select_keeps_the_chosen_option_and_says_any_for_the_blank_one(catalogue):
    html = queue_filter_field(field({"status": "booked"}, "status"))
    assert '<label class="form-label" for="id_status">Status</label>' in html
    assert '<select name="status" id="id_status" class="form-select">' in html
    assert '<option value="">Any</option>' in html
    assert '<option value="booked" selected>Booked</option>' in html
    assert html.count(" selected") == 1


def test_a_text_or_date_input_keeps_what_was_typed_escaped(catalogue):
    html = queue_filter_field(field({"q": '<b>"Ada"'}, "q"))
    assert 'type="search" name="q" id="id_q" value="&lt;b&gt;&quot;Ada&quot;"' in html
    assert 'type="date" name="submitted_from"' in queue_filter_field(field({}, "submitted_from"))


def test_a_bad_value_is_marked_invalid_with_its_message(catalogue):
    html = queue_filter_field(field({"submitted_from": "not-a-date"}, "submitted_from"))
    assert 'class="form-control is-invalid"' in html
    assert '<div class="invalid-feedback">Enter a valid date.</div>' in html
