"""The staff queue and detail pages: filters, search, sorting, edits through the forms, and constant query counts."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.utils.html import escape

from audit.models import AuditEvent
from audit.trail import audit_record
from consultations.models import STATUS_WORKFLOW, Consultation
from staff.queue import sort_order
from tests.consultations.factories import make_consultation
from tests.consultations.people import make_staff, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, catalogue):
    user = make_staff()
    sign_in(client, user)
    client.user = user
    return client


def names(response):
    return [row.full_name for row in response.context["page"].rows]


def test_queue_lists_newest_first_with_status_counts(staff_client):
    make_consultation(full_name="First Patient")
    make_consultation(full_name="Second Patient")
    response = staff_client.get("/staff/")
    assert names(response) == ["Second Patient", "First Patient"]
    assert 'data-count="new">2<' in response.content.decode()


@pytest.mark.parametrize("query", ["Hopper", "grace@example.com", "07700 900123"])
def test_queue_search_finds_by_name_email_or_phone(staff_client, query):
    make_consultation(full_name="Grace Hopper", email="grace@example.com", phone="07700 900123")
    make_consultation(full_name="Ada Lovelace")
    assert names(staff_client.get("/staff/", {"q": query})) == ["Grace Hopper"]


def test_queue_search_finds_by_reference(staff_client):
    wanted = make_consultation(full_name="Grace Hopper")
    make_consultation(full_name="Ada Lovelace")
    assert names(staff_client.get("/staff/", {"q": wanted.reference.lower()})) == ["Grace Hopper"]


def test_queue_filters_by_status_treatment_area_flags_and_assignee(staff_client):
    frown = make_consultation(full_name="Frown", **{"area-cheeks": None, "screening-blood-thinners": "no"})
    make_consultation(full_name="Cheeks", **{"area-glabella": None})
    Consultation.objects.filter(pk=frown.pk).update(status="contacted", assigned_to=staff_client.user)
    assert names(staff_client.get("/staff/", {"status": "contacted"})) == ["Frown"]
    assert names(staff_client.get("/staff/", {"treatment": "dermal-filler"})) == ["Cheeks"]
    assert names(staff_client.get("/staff/", {"treatment": "botox"})) == ["Frown"]
    assert names(staff_client.get("/staff/", {"area": "cheeks"})) == ["Cheeks"]
    assert names(staff_client.get("/staff/", {"has_flags": "true"})) == ["Cheeks"]
    assert names(staff_client.get("/staff/", {"assigned_to": staff_client.user.pk})) == ["Frown"]


def test_the_queue_badge_names_each_flag(staff_client):
    make_consultation(full_name="Flagged", **{"screening-blood-thinners": "yes", "screening-pregnant": "yes"})
    make_consultation(full_name="Plain", **{"screening-blood-thinners": "no"})
    html = staff_client.get("/staff/").content.decode()
    flagged_row, plain_row = (html.split(f">{name}</a>")[1].split("</tr>")[0] for name in ("Flagged", "Plain"))
    badges = re.findall(r"data-flag-label>([^<]+)<", flagged_row)
    assert badges == ["Pregnancy or breastfeeding", "Blood-thinning medicine or a bleeding disorder"]
    assert "data-flag-label" not in plain_row


def test_queue_filters_by_date_range(staff_client):
    old = make_consultation(full_name="Old")
    make_consultation(full_name="Recent")
    Consultation.objects.filter(pk=old.pk).update(created_at="2025-01-15T10:00:00Z")
    assert names(staff_client.get("/staff/", {"submitted_to": "2025-12-31"})) == ["Old"]
    assert names(staff_client.get("/staff/", {"submitted_from": "2026-01-01"})) == ["Recent"]


def test_a_row_shows_when_it_was_sent_in_the_clinics_time_zone_and_links_to_it(staff_client):
    late = make_consultation(full_name="Late Evening")
    # 23:30 in UTC on a summer evening is 00:30 the next day in London.
    Consultation.objects.filter(pk=late.pk).update(created_at="2026-07-14T23:30:00Z")
    row = staff_client.get("/staff/").content.decode().split("Late Evening</a>")[0].rsplit("<tr>", 1)[1]
    assert '<span class="text-nowrap">15 Jul 2026</span>' in row
    assert '<span class="text-body-secondary small">00:30</span>' in row
    assert f'<a href="/staff/consultations/{late.reference}/">' in row


def test_queue_sorts_by_name(staff_client):
    for name in ["Bea", "Cal", "Abe"]:
        make_consultation(full_name=name)
    assert names(staff_client.get("/staff/", {"sort": "name"})) == ["Abe", "Bea", "Cal"]
    assert names(staff_client.get("/staff/", {"sort": "-name"})) == ["Cal", "Bea", "Abe"]


def test_queue_sorts_by_status_in_the_order_of_the_work_newest_first_within_each(staff_client):
    for name, status in [
        ("Booked", "booked"),
        ("Old new", "new"),
        ("Cancelled", "cancelled"),
        ("New", "new"),
        ("Contacted", "contacted"),
        ("In review", "in-review"),
        ("Closed", "closed"),
    ]:
        Consultation.objects.filter(pk=make_consultation(full_name=name).pk).update(status=status)
    response = staff_client.get("/staff/", {"sort": "status"})
    assert names(response) == ["New", "Old new", "In review", "Contacted", "Booked", "Closed", "Cancelled"]
    assert tuple(Consultation.Status.values) == STATUS_WORKFLOW
    assert 'sort=-status">Status</a>' in response.content.decode()  # a second click turns it round

    response = staff_client.get("/staff/", {"sort": "-status"})
    assert names(response) == ["Cancelled", "Closed", "Booked", "Contacted", "In review", "Old new", "New"]
    assert 'sort=status">Status</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "column", "direction", "arrow", "caption"),
    [
        ("", "Submitted", "descending", "▼", "Consultations, newest first"),
        ("oldest", "Submitted", "ascending", "▲", "Consultations, oldest first"),
        ("-name", "Patient", "descending", "▼", "Consultations by patient name, Z to A"),
        ("status", "Status", "ascending", "▲", "Consultations by status in the order of the work, new first"),
        (
            "-status",
            "Status",
            "descending",
            "▼",
            "Consultations by status from the end of the work, cancelled first, oldest first within each",
        ),
    ],
)
def test_the_sorted_column_shows_its_direction_to_the_eye_and_to_a_screen_reader(
    staff_client, sort, column, direction, arrow, caption
):
    html = staff_client.get("/staff/", {"sort": sort}).content.decode()
    headers = re.findall(r"<th scope=\"col\"[^>]*>.*?</th>", html, re.S)
    sorted_headers = [header for header in headers if "aria-sort" in header]
    assert len(sorted_headers) == 1
    assert f'aria-sort="{direction}"' in sorted_headers[0] and f">{column}</a>" in sorted_headers[0]
    assert f'aria-hidden="true" data-sort-arrow>{arrow}<' in sorted_headers[0]
    assert f'<caption class="visually-hidden">{caption}</caption>' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL pass of CI")
@pytest.mark.parametrize("sort", ["status", "-status"])
def test_the_sort_by_status_reads_its_own_index_on_postgresql(staff_client, sort):
    make_consultation()
    with connection.cursor() as cursor:
        # One row: make the planner show whether it can use the index rather than sort the table.
        cursor.execute("SET enable_seqscan = off; SET enable_sort = off")
        plan = Consultation.objects.order_by(*sort_order(sort))[:26].explain()
        cursor.execute("RESET enable_seqscan; RESET enable_sort")
    assert "consultation_status_rank" in plan


def test_within_one_status_tab_the_sort_by_status_is_newest_first(staff_client):
    make_consultation(full_name="Earlier")
    make_consultation(full_name="Later")
    for sort in ("status", "-status"):
        response = staff_client.get("/staff/", {"sort": sort, "status": "new"})
        assert names(response) == ["Later", "Earlier"]
        assert 'aria-sort="descending"' in response.content.decode()


def test_queue_pages_without_counting_the_table(staff_client, settings):
    from staff import queue

    for number in range(queue.PAGE_SIZE + 2):
        make_consultation(full_name=f"Patient {number:02d}")
    first = staff_client.get("/staff/").context["page"]
    second = staff_client.get("/staff/", {"page": "2"}).context["page"]
    assert (len(first.rows), first.has_next, len(second.rows), second.has_next) == (queue.PAGE_SIZE, True, 2, False)
    assert staff_client.get("/staff/", {"page": "banana"}).status_code == 200
    assert 'aria-label="Pages"' in staff_client.get("/staff/").content.decode()
    # One page of results has no pager.
    assert 'aria-label="Pages"' not in staff_client.get("/staff/", {"q": "Patient 01"}).content.decode()


def test_sort_and_page_links_keep_the_filters_and_start_again_at_page_one(staff_client):
    from staff import queue

    for number in range(queue.PAGE_SIZE * 2 + 1):
        make_consultation(full_name=f"Mary & Co {number:02d}")
    html = staff_client.get("/staff/", {"q": "mary & co", "status": "new", "page": "2"}).content.decode()
    assert 'href="?q=mary+%26+co&amp;status=new&amp;sort=name"' in html
    assert 'href="?q=mary+%26+co&amp;status=new&amp;page=1"' in html
    assert 'href="?q=mary+%26+co&amp;status=new&amp;page=3"' in html
    assert 'href="?sort=name"' in staff_client.get("/staff/").content.decode()


def test_bad_filter_values_show_the_queue_not_an_error(staff_client):
    response = staff_client.get("/staff/", {"status": "bogus", "submitted_from": "not-a-date", "assigned_to": "999"})
    assert response.status_code == 200


@pytest.mark.parametrize("params", [{}, {"status": "new", "has_flags": "true"}, {"q": "Patient"}])
def test_queue_runs_a_constant_number_of_queries(staff_client, django_assert_max_num_queries, params):
    for number in range(3):
        make_consultation(full_name=f"Patient {number}")
    with django_assert_max_num_queries(10) as few:
        staff_client.get("/staff/", params)
    count = len(few.captured_queries)  # read now: the next request clears the connection's query log
    for number in range(30):
        make_consultation(full_name=f"More {number}")
    staff_client.get("/staff/", params)
    with django_assert_max_num_queries(count):
        staff_client.get("/staff/", params)


def test_detail_runs_a_constant_number_of_queries(staff_client, django_assert_max_num_queries):
    # Same kinds of answers, many more of each: the count must not grow.
    small = make_consultation(**{"earlier-botox": "on", "earlier-botox-months": "3"})
    big = make_consultation(
        **{
            "area-forehead": ["lines-when-moving", "lines-at-rest"],
            "area-lips": ["volume-loss"],
            "area-neck": ["lines-when-moving"],
            "earlier-botox": "on",
            "earlier-botox-months": "3",
            "earlier-dermal-filler": "on",
            "earlier-dermal-filler-months": "9",
        }
    )
    with django_assert_max_num_queries(40) as baseline:
        staff_client.get(f"/staff/consultations/{small.reference}/")
    count = len(baseline.captured_queries)
    with django_assert_max_num_queries(count):
        staff_client.get(f"/staff/consultations/{big.reference}/")


def test_detail_shows_answers_suggestion_flags_and_is_audited(staff_client):
    consultation = make_consultation()
    response = staff_client.get(f"/staff/consultations/{consultation.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada Lovelace" in html and '<a href="mailto:ada@example.com">ada@example.com</a>' in html
    assert "What the patient was shown" in html  # they sent it themselves, and saw the result
    assert 'data-flag="blood-thinners"' in html
    assert 'data-treatment="dermal-filler"' in html and "Cheeks: you told us" in html
    assert "Warfarin" in html
    assert response["Cache-Control"].startswith("max-age=0")
    event = AuditEvent.objects.get(action="viewed")
    assert (event.actor, event.consultation_reference) == (staff_client.user, consultation.reference)


def test_the_detail_page_marks_only_the_area_whose_use_is_off_label(staff_client):
    consultation = make_consultation(**{"area-jaw-muscle": ["clenching"], "area-underarms": ["sweating"]})
    html = staff_client.get(f"/staff/consultations/{consultation.reference}/").content.decode()
    heading = html.split('<h3 class="h5">Botox')[1].split("</h3>")[0]
    assert re.search(r"Jaw muscle \(clenching and grinding\) <span[^>]*data-off-label>off-label use</span>", heading)
    assert heading.count("data-off-label") == 1


def test_staff_add_a_note_and_move_the_status_through_the_forms(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    assert staff_client.post(url + "notes/", {"text": "called, booked for Tuesday"}).status_code == 302
    assert staff_client.post(url + "status/", {"to_status": "contacted", "version": 1}).status_code == 302
    assert staff_client.post(url + "status/", {"to_status": "booked", "version": 2}).status_code == 302
    html = staff_client.get(url).content.decode()
    assert "called, booked for Tuesday" in html
    assert 'data-status="booked"' in html
    actions = list(
        AuditEvent.objects.filter(consultation_reference=consultation.reference)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["submitted", "note-added", "status-changed", "status-changed", "viewed"]
    trail = html.split('class="small list-unstyled audit-trail"')[1].split("</ul>")[0]
    assert "Status changed · New → Contacted" in trail and "Contacted → Booked" in trail
    assert "Viewed" not in trail and "Submitted" in trail and "the patient (not signed in)" in trail
    assert "No one else has opened it yet." in html  # the reader's own opening is not counted


def test_the_detail_page_says_who_else_opened_it_and_how_often(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    audit_record(actor=None, action=AuditEvent.Action.VIEWED, reference=consultation.reference, detail="result")
    client = Client()
    sign_in(client, make_staff("nurse"))
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    for _ in range(2):  # the reader's own visits never count
        html = staff_client.get(url).content.decode()
    reads = html.split("data-reads>")[1].split("</p>")[0]
    assert "Opened 3 times by people other than you, last by nurse," in reads

    html = client.get(url).content.decode()
    reads = html.split("data-reads>")[1].split("</p>")[0]
    assert f"Opened 3 times by people other than you, last by {staff_client.user.username}," in reads


def test_an_illegal_status_in_the_form_is_refused_with_a_message(staff_client):
    consultation = make_consultation()
    response = staff_client.post(
        f"/staff/consultations/{consultation.reference}/status/", {"to_status": "booked", "version": 1}
    )
    assert response.status_code == 200  # input to correct, not a conflict with someone else's change
    assert "The status was not changed." in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).status == "new"


def test_a_concurrent_edit_is_refused_and_the_second_editors_input_is_kept(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    staff_client.post(url + "status/", {"to_status": "contacted", "version": 1})
    response = staff_client.post(
        url + "plan/", {"items": ["botox:forehead"], "plan_notes": "Try forehead", "version": 1}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "This consultation has changed since you opened it" in html
    assert "Try forehead</textarea>" in html
    assert not Consultation.objects.get(pk=consultation.pk).plan_items.exists()


def test_a_status_change_from_an_out_of_date_page_says_the_consultation_has_changed(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    staff_client.post(url + "status/", {"to_status": "contacted", "version": 1})
    # A colleague's page still shows "New", whose moves include "Contacted", no longer one from "Contacted".
    response = staff_client.post(url + "status/", {"to_status": "contacted", "version": 1})
    html = response.content.decode()
    assert response.status_code == 409
    assert "This consultation has changed since you opened it" in html
    assert "not one of the available choices" not in html
    assert 'name="version" value="2"' in html  # the form offered again is for the status as it is now
    assert Consultation.objects.get(pk=consultation.pk).status_changes.count() == 1
    assert '<option value="" selected>Choose…</option>' in html  # nothing a second press would send by itself
    viewed = AuditEvent.objects.filter(consultation_reference=consultation.reference, action="viewed")
    assert viewed.count() == 1  # the refused page showed the record, so it is audited as a read


def test_the_status_box_preselects_no_move_and_a_press_without_a_choice_moves_nothing(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    assert '<option value="" selected>Choose…</option>' in staff_client.get(url).content.decode()
    response = staff_client.post(url + "status/", {"to_status": "", "version": 1})
    assert response.status_code == 200
    html = response.content.decode()
    # At the top too: on a phone the status box, with the field's own message, is far down the page.
    assert "data-message-error>The status was not changed. Choose the status to move it to.</div>" in html
    assert "not possible" not in html  # nothing was tried: a choice was missing
    assert Consultation.objects.get(pk=consultation.pk).status == "new"


def test_an_empty_note_is_refused_with_a_message(staff_client):
    consultation = make_consultation()
    response = staff_client.post(f"/staff/consultations/{consultation.reference}/notes/", {"text": "  "})
    assert response.status_code == 200
    assert "The note was not saved. Write the note before saving it." in response.content.decode()


def test_an_edits_address_opened_again_leads_back_to_the_consultation_and_changes_nothing(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    for action in ["notes", "status", "assign", "plan"]:
        response = staff_client.get(f"{url}{action}/")
        assert (response.status_code, response["Location"]) == (302, url)
    written = AuditEvent.objects.filter(consultation_reference=consultation.reference).exclude(action="viewed")
    assert list(written.values_list("action", flat=True)) == ["submitted"]
    consultation.refresh_from_db()
    assert consultation.version == 1


# Every change shows on the next look: nothing on these pages is cached.


def detail_html(client, consultation) -> str:
    return client.get(f"/staff/consultations/{consultation.reference}/").content.decode()


def test_notes_status_assignment_and_plan_show_at_once(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    assert "No notes yet." in detail_html(staff_client, consultation)
    staff_client.post(url + "notes/", {"text": "left a voicemail"})
    assert "left a voicemail" in detail_html(staff_client, consultation)
    staff_client.post(url + "status/", {"to_status": "contacted", "version": 1})
    assert "New → Contacted (reception)" in detail_html(staff_client, consultation)
    staff_client.post(url + "assign/", {"assigned_to": staff_client.user.pk, "version": 2})
    staff_client.post(url + "plan/", {"items": ["botox:forehead"], "plan_notes": "", "version": 3})
    html = detail_html(staff_client, consultation)
    assert re.search(r'<input[^>]*value="botox:forehead"[^>]*checked', html)
    assert f'<option value="{staff_client.user.pk}" selected>reception</option>' in html


def test_saving_the_plan_or_the_assignment_unchanged_says_so_and_adds_nothing_to_the_trail(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    plan = {"items": ["botox:forehead"], "plan_notes": "Forehead first"}
    staff_client.post(url + "plan/", {**plan, "version": 1})
    staff_client.post(url + "assign/", {"assigned_to": staff_client.user.pk, "version": 2})

    response = staff_client.post(url + "plan/", {**plan, "version": 3}, follow=True)
    assert "The plan was not changed." in response.content.decode()
    response = staff_client.post(url + "assign/", {"assigned_to": staff_client.user.pk, "version": 3}, follow=True)
    assert "The assignment was not changed." in response.content.decode()
    written = AuditEvent.objects.filter(consultation_reference=consultation.reference).exclude(action="viewed")
    assert list(written.order_by("id").values_list("action", flat=True)) == ["submitted", "plan-agreed", "assigned"]
    consultation.refresh_from_db()
    assert consultation.version == 3

    changed = staff_client.post(url + "plan/", {**plan, "plan_notes": "Forehead, then crow's feet", "version": 3})
    assert changed.status_code == 302 and written.filter(action="plan-agreed").count() == 2


def test_a_plan_of_no_treatment_is_saved_only_when_ticked_as_such(staff_client):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    written = AuditEvent.objects.filter(consultation_reference=consultation.reference, action="plan-agreed")

    nothing = staff_client.post(url + "plan/", {"plan_notes": "Talked it through", "version": 1})
    html = nothing.content.decode()
    assert nothing.status_code == 200
    assert "Tick the treatments agreed, or “No treatment agreed”." in html
    assert "Talked it through</textarea>" in html  # what was typed stays
    assert not written.exists()

    both = staff_client.post(url + "plan/", {"items": ["botox:forehead"], "no_treatment": "on", "version": 1})
    assert "Untick “No treatment agreed”, or the treatments: not both." in both.content.decode()
    assert not written.exists()

    agreed = staff_client.post(url + "plan/", {"no_treatment": "on", "plan_notes": "Talked it through", "version": 1})
    assert agreed.status_code == 302
    assert list(written.values_list("detail", flat=True)) == ["no treatment"]
    assert re.search(r'<input[^>]*name="no_treatment"[^>]*checked', detail_html(staff_client, consultation))

    staff_client.post(url + "plan/", {"items": ["botox:forehead"], "version": 2})
    html = detail_html(staff_client, consultation)
    assert not re.search(r'<input[^>]*name="no_treatment"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="botox:forehead"[^>]*checked', html)


def test_the_plan_form_reminds_of_the_flags_before_a_plan_is_agreed(staff_client):
    flagged = make_consultation(**{"screening-pregnant": "yes"})
    plain = make_consultation(**{"screening-blood-thinners": "no", "screening-blood-thinners-detail": ""})

    plan_part = detail_html(staff_client, flagged).split('id="plan-title"')[1].split("</form>")[0]
    assert "Before agreeing a plan, weigh the flags: pregnancy or breastfeeding" in plan_part
    assert "data-plan-flags" not in detail_html(staff_client, plain)


def test_the_plan_form_lists_first_and_marks_the_treatments_and_areas_the_suggestion_named(staff_client):
    consultation = make_consultation()  # lines between the brows when moving, lost volume in the cheeks
    plan_part = detail_html(staff_client, consultation).split('id="plan-title"')[1].split("</form>")[0]
    labels = dict(re.findall(r'value="([a-z-]+:[a-z-]+)".*?<label[^>]*>\s*(.*?)\s*</label>', plan_part, re.S))
    assert list(labels)[:2] == ["botox:glabella", "dermal-filler:cheeks"]  # first, in the catalogue's order
    assert {value for value, label in labels.items() if label.startswith("Suggested: ")} == set(list(labels)[:2])
    assert labels["botox:glabella"] == "Suggested: Botox · Between the brows"
    assert labels["botox:forehead"] == "Botox · Forehead"


def test_no_id_is_used_twice_on_the_detail_page(staff_client):
    ids = re.findall(r'\sid="([^"]+)"', detail_html(staff_client, make_consultation()))
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_a_flag_shows_what_the_patient_wrote_beside_the_answer_on_the_page_and_the_print(staff_client):
    consultation = make_consultation(**{"screening-blood-thinners-detail": "Aspirin 75 mg daily"})
    flags = detail_html(staff_client, consultation).split('id="staff-flags-title"')[1].split("</section>")[0]
    assert "They wrote: “Aspirin 75 mg daily”" in flags.split('data-flag="blood-thinners"')[1].split("</li>")[0]
    printed = staff_client.get(f"/staff/consultations/{consultation.reference}/print/").content.decode()
    assert "They wrote: “Aspirin 75 mg daily”" in printed


def test_the_print_says_who_printed_it_where_and_who_has_it_and_a_plan_of_no_treatment(staff_client, settings):
    consultation = make_consultation()
    url = f"/staff/consultations/{consultation.reference}/"
    printed = staff_client.get(url + "print/").content.decode()
    assert f"{settings.CLINIC_NAME} · Printed " in printed and f" by {staff_client.user.username}</p>" in printed
    assert "Not assigned" in printed and "Not agreed yet." in printed
    # One reason a line, under its treatment: not "Botox: Between the brows: you told us …".
    suggested = printed.split("Suggested to discuss")[1].split("Plan agreed")[0]
    assert "<strong>Botox</strong><ul><li>Between the brows: you told us" in suggested
    # What the result told the patient beside the suggestions, as on the staff page.
    assert consultation.suggestion["notes"]
    for html in (printed, detail_html(staff_client, consultation)):
        told = html.split("data-result-notes>")[1].split("</ul>")[0]
        assert all(escape(note) in told for note in consultation.suggestion["notes"])

    staff_client.post(url + "assign/", {"assigned_to": staff_client.user.pk, "version": consultation.version})
    staff_client.post(url + "plan/", {"no_treatment": "on", "version": consultation.version + 1})
    printed = staff_client.get(url + "print/").content.decode()
    assert f"Assigned to {staff_client.user.username}" in printed
    assert "No treatment agreed." in printed and "Not agreed yet." not in printed


def test_a_catalogue_rename_and_a_username_change_show_at_once(staff_client):
    from treatments.models import Area

    consultation = make_consultation()
    staff_client.post(f"/staff/consultations/{consultation.reference}/notes/", {"text": "first note"})
    detail_html(staff_client, consultation)
    cheeks = Area.objects.get(slug="cheeks")
    cheeks.name = "Mid-face"
    cheeks.save()
    staff_client.user.username = "front-desk"
    staff_client.user.save()
    html = detail_html(staff_client, consultation)
    assert "<strong>Mid-face</strong>" in html
    assert "front-desk, " in html


def test_retention_anonymising_a_consultation_shows_at_once(staff_client):
    from datetime import timedelta

    from django.utils import timezone

    from consultations.retention import retention_apply

    consultation = make_consultation(full_name="Old Patient")
    assert "Old Patient" in detail_html(staff_client, consultation)
    Consultation.objects.filter(pk=consultation.pk).update(created_at=timezone.now() - timedelta(days=400))
    retention_apply(days=365, apply=True)
    html = detail_html(staff_client, consultation)
    assert "Old Patient" not in html and "anonymised@invalid" in html


def test_assigning_someone_who_has_been_deactivated_is_refused_with_a_message(staff_client):
    from tests.consultations.people import make_staff as make_other_staff

    other = make_other_staff("locum")
    consultation = make_consultation()
    detail_html(staff_client, consultation)  # the form was shown with the locum among the choices
    other.is_active = False
    other.save()
    response = staff_client.post(
        f"/staff/consultations/{consultation.reference}/assign/", {"assigned_to": other.pk, "version": 1}
    )
    assert response.status_code == 200
    assert Consultation.objects.get(pk=consultation.pk).assigned_to is None


def queue_html(client, params=None) -> str:
    return client.get("/staff/", params or {}).content.decode()


def test_a_status_change_a_rename_and_a_new_reviewer_show_in_the_queue_at_once(staff_client):
    from tests.consultations.people import make_staff as make_other_staff
    from treatments.models import Treatment

    consultation = make_consultation(full_name="Grace Hopper")
    queue_html(staff_client, {"status": "new"})
    html = queue_html(staff_client)
    assert 'data-label="Status">New</td>' in html
    url = f"/staff/consultations/{consultation.reference}/"
    staff_client.post(url + "status/", {"to_status": "contacted", "version": 1})
    staff_client.post(url + "assign/", {"assigned_to": staff_client.user.pk, "version": 2})
    fillers = Treatment.objects.get(slug="dermal-filler")
    fillers.name = "Fillers (hyaluronic acid)"
    fillers.save()
    make_other_staff("locum")
    html = queue_html(staff_client)
    assert 'data-label="Status">Contacted</td>' in html and ">reception</td>" in html
    assert "Fillers (hyaluronic acid)" in html
    assert ">locum</option>" in html


def test_status_tabs_count_up_to_the_cap_and_say_so(staff_client, monkeypatch):
    from staff import queue, views

    monkeypatch.setattr(queue, "COUNT_CAP", 2)
    monkeypatch.setattr(views, "COUNT_CAP", 2)
    for number in range(3):
        make_consultation(full_name=f"Patient {number}")
    html = queue_html(staff_client)
    assert 'data-count="new">2+<' in html and 'data-count="contacted">0<' in html
    assert 'data-count="all">2+<' in html


def test_the_all_tab_counts_the_whole_queue(staff_client):
    for status in ["new", "new", "booked"]:
        Consultation.objects.filter(pk=make_consultation().pk).update(status=status)
    assert 'data-count="all">3<' in queue_html(staff_client)


def test_status_tabs_keep_the_search_filters_and_sort_and_say_their_counts_are_the_whole_queues(staff_client):
    make_consultation(full_name="Grace Hopper")
    query = {"q": "Grace", "has_flags": "true", "sort": "name", "page": "2"}
    html = staff_client.get("/staff/", query).content.decode()
    assert 'href="?q=Grace&amp;has_flags=true&amp;sort=name&amp;status=booked"' in html
    assert 'href="/staff/?q=Grace&amp;has_flags=true&amp;sort=name&amp;">All <span' in html
    assert "data-counts-note" in html

    html = staff_client.get("/staff/", {"status": "new"}).content.decode()
    assert 'href="?status=booked"' in html and 'href="/staff/">All <span' in html
    assert "data-counts-note" not in html  # a tab alone: its counts are what the tabs show


def test_an_absurd_page_number_shows_an_empty_page_not_an_error(staff_client):
    make_consultation(full_name="Grace Hopper")
    response = staff_client.get("/staff/", {"page": "9223372036854775807", "q": "Grace"})
    html = response.content.decode()
    assert response.status_code == 200 and "Nothing on this page: the list ends before it." in html
    assert 'href="?q=Grace&amp;page=1">Back to the first page</a>' in html
    assert ">Previous</a>" not in html  # it would lead to another empty page


def test_a_from_date_after_the_to_date_is_refused_with_a_message_not_an_empty_list(staff_client):
    make_consultation(full_name="Grace Hopper")
    response = staff_client.get("/staff/", {"submitted_from": "2026-12-01", "submitted_to": "2026-11-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This date is before the “From” date: swap them, or clear one." in html
    assert "A filter could not be used and is left out of the list below" in html
    assert '<details class="queue-filters mb-2" open>' in html  # the filters show open, with the message


@pytest.mark.parametrize("path", ["/staff/export.csv", "print/", "fhir.json"])
def test_exports_need_the_export_permission_not_only_review(staff_client, path):
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import STAFF

    consultation = make_consultation()
    url = path if path.startswith("/") else f"/staff/consultations/{consultation.reference}/{path}"
    assert staff_client.get(url).status_code == 200
    Group.objects.get(name=STAFF).permissions.remove(
        Permission.objects.get(content_type__app_label="consultations", codename="export_consultation")
    )
    assert staff_client.get(url).status_code == 403
    assert staff_client.get(f"/staff/consultations/{consultation.reference}/").status_code == 200


def test_direction_controls_in_a_name_are_shown_not_obeyed(staff_client):
    consultation = make_consultation(full_name="Ada \u202eecalevoL")
    for html in (queue_html(staff_client), detail_html(staff_client, consultation)):
        assert "Ada [U+202E]ecalevoL" in html and "\u202e" not in html


def test_the_staff_page_shows_a_too_early_repeat_a_held_back_suggestion_and_an_off_label_use(staff_client):
    consultation = make_consultation(
        **{
            "area-hands": ["sweating"],
            "screening-neuromuscular": "yes",
            "screening-neuromuscular-detail": "Myasthenia gravis",
            "earlier-botox": "on",
            "earlier-botox-months": "1",
        }
    )
    html = staff_client.get(f"/staff/consultations/{consultation.reference}/").content.decode()
    assert 'data-flag="interval:botox"' in html and "minimum interval of 90 days" in html
    botox = html.split('data-treatment="botox"')[1].split("</div>\n      </div>")[0]
    assert "Not until a practitioner has reviewed this" in botox
    assert "off-label use" in botox


def folded_filters_tag(html: str) -> str:
    return html.split('<details class="queue-filters')[1].split(">")[0]


def test_the_search_box_shows_without_a_click_and_the_other_filters_fold_away(staff_client):
    html = staff_client.get("/staff/").content.decode()
    assert html.index('name="q"') < html.index('<details class="queue-filters')
    assert " open" not in folded_filters_tag(html)
    assert " open" not in folded_filters_tag(staff_client.get("/staff/", {"q": "Ada", "sort": "name"}).content.decode())


@pytest.mark.parametrize("params", [{"status": "new"}, {"has_flags": "true"}, {"submitted_from": "not a date"}])
def test_the_folded_filters_show_open_while_one_is_set(staff_client, params):
    html = staff_client.get("/staff/", params).content.decode()
    assert folded_filters_tag(html).endswith(" open")
