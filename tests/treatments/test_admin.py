"""Admins edit the catalogue in the Django admin; the edit shows at once and its history is kept."""

import re

import pytest
from django.template.defaultfilters import linebreaksbr
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from tests.consultations.factories import as_sender, make_consultation
from tests.consultations.people import make_editor, sign_in
from tests.served_form import as_browser_sends
from treatments.catalogue import catalogue_version
from treatments.models import Area, Concern, Precaution, Treatment

pytestmark = pytest.mark.django_db


def treatment_form_data(treatment, **changes):
    # A blank field is sent as an empty string, as a browser sends it.
    data = {
        field.name: "" if getattr(treatment, field.name) is None else getattr(treatment, field.name)
        for field in Treatment._meta.concrete_fields
        if field.name not in {"id"}
    }
    data["last_reviewed"] = treatment.last_reviewed.isoformat()
    data["reference_duration_concerns"] = [concern.pk for concern in treatment.reference_duration_concerns.all()]
    data.update(changes)
    for prefix in ("indications", "side_effects"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    return data


@pytest.fixture
def admin_client_logged_in(client, admin_user):
    sign_in(client, admin_user)
    return client


def test_editing_botox_duration_in_the_admin_shows_on_its_page_and_compare(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    data = treatment_form_data(botox, duration_min_months=3, duration_max_months=4)
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    botox_page = admin_client_logged_in.get("/treatments/botox/").content.decode()
    assert 'data-fact="duration-months">3 to 4 months<' in botox_page
    assert 'data-label="Botox"><p>3 to 4 months' in admin_client_logged_in.get("/treatments/compare/").content.decode()


def test_admin_edit_is_recorded_in_history_with_who(admin_client_logged_in, catalogue, admin_user):
    botox = Treatment.objects.get(slug="botox")
    admin_client_logged_in.post(
        f"/admin/treatments/treatment/{botox.pk}/change/", treatment_form_data(botox, duration_max_months=5)
    )
    latest = botox.history.first()
    assert latest.history_user == admin_user
    assert latest.duration_max_months == 5
    history_page = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/")
    assert history_page.status_code == 200
    table = history_page.content.decode().split('id="change-history"')[1].split("</table>")[0]
    assert "boss" in table
    # "Choose a date": the item and its date both open that version; no bare "None" for a missing user or reason.
    assert table.count(f"/history/{latest.history_id}/") == 2
    assert "None" not in table


def test_admin_refuses_min_above_max_with_a_message(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    response = admin_client_logged_in.post(
        f"/admin/treatments/treatment/{botox.pk}/change/",
        treatment_form_data(botox, duration_min_months=8, duration_max_months=4),
    )
    assert response.status_code == 200
    assert Treatment.objects.get(slug="botox").duration_min_months == 4
    # The error list renders through the form renderer (Jinja2), which writes a quote as &#39;, not &#x27;.
    assert "Results cannot last longer &#39;from&#39; than &#39;up to&#39;" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/treatments/treatment/",
        "/admin/treatments/area/",
        "/admin/treatments/concern/",
        "/admin/treatments/indication/",
        "/admin/treatments/sideeffect/",
        "/admin/treatments/precaution/",
        "/admin/treatments/region/",
        "/admin/treatments/treatment/?q=botulinum",
        "/admin/treatments/indication/?treatment__id__exact=1",
    ],
)
def test_admin_lists_open(admin_client_logged_in, catalogue, path):
    assert admin_client_logged_in.get(path).status_code == 200


def test_admin_treatment_page_has_inlines_and_view_on_site(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    html = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/change/").content.decode()
    assert "indications-TOTAL_FORMS" in html
    assert "side_effects-TOTAL_FORMS" in html
    assert "View on site" in html


def test_saving_unchanged_text_with_browser_line_breaks_records_no_change(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    before = botox.best_for
    entries = botox.history.count()
    crlf = {name: getattr(botox, name).replace("\n", "\r\n") for name in ("best_for", "how_it_works", "procedure")}
    assert any("\r\n" in text for text in crlf.values())
    admin_client_logged_in.post(f"/admin/treatments/treatment/{botox.pk}/change/", treatment_form_data(botox, **crlf))
    botox.refresh_from_db()
    assert botox.best_for == before
    assert botox.history.count() == entries


@pytest.mark.parametrize("model", [Treatment, Area, Precaution])
def test_saving_a_page_unchanged_as_the_browser_sends_it_writes_no_history_and_keeps_the_version(
    admin_client_logged_in, catalogue, model
):
    item = model.objects.order_by("pk").first()
    url = f"/admin/treatments/{model._meta.model_name}/{item.pk}/change/"
    sent = as_browser_sends(admin_client_logged_in.get(url).content.decode(), {"_save": "Save"})
    entries, version = item.history.count(), catalogue_version()

    response = admin_client_logged_in.post(url, sent, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert item.history.count() == entries
    assert catalogue_version() == version
    said = [str(message) for message in response.context["messages"]]
    assert said == [f"Nothing was changed on “{item}”, so its history has no new entry."]


def test_a_changed_field_saved_from_the_served_page_writes_one_history_entry_naming_it(
    admin_client_logged_in, catalogue
):
    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    sent = as_browser_sends(admin_client_logged_in.get(url).content.decode(), {"duration_max_months": "7"})
    entries = botox.history.count()

    response = admin_client_logged_in.post(url, {**sent, "_save": ["Save"]}, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert botox.history.count() == entries + 1
    latest = botox.history.first()
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["duration_max_months"]
    assert "was changed successfully" in " ".join(str(message) for message in response.context["messages"])


def test_reverting_to_an_earlier_version_from_the_history_restores_it(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    before = botox.history.first()
    sent = as_browser_sends(admin_client_logged_in.get(url).content.decode(), {"duration_max_months": "9"})
    admin_client_logged_in.post(url, {**sent, "_save": ["Save"]})
    assert Treatment.objects.get(pk=botox.pk).duration_max_months == 9
    version = catalogue_version()

    revert_url = f"/admin/treatments/treatment/{botox.pk}/history/{before.history_id}/"
    # The revert page holds the earlier version's values: sent as they stand, the form itself is unchanged.
    sent = as_browser_sends(admin_client_logged_in.get(revert_url).content.decode(), {"_save": "Save"})
    assert admin_client_logged_in.post(revert_url, sent).status_code == 302

    assert Treatment.objects.get(pk=botox.pk).duration_max_months == before.duration_max_months
    latest = botox.history.first()
    assert latest.duration_max_months == before.duration_max_months
    assert catalogue_version() != version
    saved = timezone.localtime(before.history_date)
    when = f"{saved.day} {saved:%b %Y %H:%M:%S}"  # "4 Dec 2026 03:52:07", as the clinic's times read
    assert latest.history_change_reason == f"Reverted to the version of {when}"
    history = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/").content.decode()
    assert f"Reverted to the version of {when}" in history
    # The version's own date reads the same way, so the two can be matched by eye.
    assert f">{when}</a></td>" in history


def test_the_revert_page_names_the_side_effects_changed_since_which_a_revert_leaves(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    first = botox.side_effects.order_by("position", "pk").first()
    before = botox.history.first()
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    html = change_page(admin_client_logged_in, botox)
    index = next(i for i in range(50) if f'name="side_effects-{i}-id" value="{first.pk}"' in html)
    sent = as_browser_sends(html, {f"side_effects-{index}-description": "Reworded by the editor.", "_save": "Save"})
    assert admin_client_logged_in.post(url, sent, follow=True).redirect_chain[0][1] == 302

    revert_url = f"/admin/treatments/treatment/{botox.pk}/history/{before.history_id}/"
    response = admin_client_logged_in.get(revert_url)
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "A revert restores this item's own fields only. Changed in its tables since this version, and left as they "
        f"are: Side effects: changed {first}. Revert those from their own pages."
    ]
    # From the latest version nothing has changed since: nothing to warn of.
    latest_url = f"/admin/treatments/treatment/{botox.pk}/history/{botox.history.first().history_id}/"
    assert not list(admin_client_logged_in.get(latest_url).context["messages"])


def test_the_history_shows_a_changed_text_whole(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    old_text = botox.procedure
    new_text = old_text + " An editor's added sentence at the end, far past the first eighty characters."
    sent = as_browser_sends(admin_client_logged_in.get(url).content.decode(), {"procedure": new_text})
    assert admin_client_logged_in.post(url, {**sent, "_save": ["Save"]}).status_code == 302

    history = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/").content.decode()
    changes = history.split('id="change-history"')[1].split("</table>")[0]
    assert linebreaksbr(old_text) in changes
    # The new text whole, its added words marked.
    assert linebreaksbr(old_text) + "<ins>" + escape(new_text[len(old_text) :]) + "</ins>" in changes
    assert " chars]" not in changes


def test_the_history_marks_the_words_an_edit_changed_and_lists_linked_items_by_name(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    sent = as_browser_sends(
        admin_client_logged_in.get(url).content.decode(),
        {
            "summary": botox.summary.replace("muscles", "facial <muscles>", 1),
            "reference_duration_concerns": [str(Concern.objects.get(slug="sweating").pk)],
        },
    )
    before = botox.history.count()
    assert admin_client_logged_in.post(url, {**sent, "_save": ["Save"]}).status_code == 302
    assert botox.history.count() == before + 1  # one save, one entry

    history = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/").content.decode()
    latest = history.split('id="change-history"')[1].split("</tr>")[1]
    assert "chosen <del>muscles.</del> It calms" in latest
    assert "chosen <ins>facial &lt;muscles&gt;.</ins> It calms" in latest
    assert "a few months.<br><br>It is mainly used" in latest  # paragraphs as the editor wrote them
    figure_for = latest.split("Kinds of concern that figure is for:</strong>")[1].split("</li>")[0]
    assert " ".join(figure_for.split()) == (
        "Lines when moving (dynamic lines), Lines at rest (static lines) &nbsp;&rarr;&nbsp;&nbsp;Excessive sweating "
        "(hyperhidrosis)"
    )


def test_pages_cached_before_an_admin_edit_show_the_edit_at_once(admin_client_logged_in, catalogue):
    botox_page = admin_client_logged_in.get("/treatments/botox/").content.decode()
    assert 'data-fact="duration-months">4 to 6 months<' in botox_page
    assert 'data-label="Botox"><p>4 to 6 months' in admin_client_logged_in.get("/treatments/compare/").content.decode()
    botox = Treatment.objects.get(slug="botox")
    data = treatment_form_data(botox, duration_min_months=3, duration_max_months=4)
    admin_client_logged_in.post(f"/admin/treatments/treatment/{botox.pk}/change/", data)
    botox_page = admin_client_logged_in.get("/treatments/botox/").content.decode()
    assert 'data-fact="duration-months">3 to 4 months<' in botox_page
    assert 'data-label="Botox"><p>3 to 4 months' in admin_client_logged_in.get("/treatments/compare/").content.decode()


def change_page(client, treatment) -> str:
    return client.get(f"/admin/treatments/treatment/{treatment.pk}/change/").content.decode()


def test_a_side_effect_edited_on_the_treatment_page_shows_in_the_treatments_history(admin_client_logged_in, catalogue):
    botox = Treatment.objects.get(slug="botox")
    first = botox.side_effects.order_by("position", "pk").first()
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    html = change_page(admin_client_logged_in, botox)
    index = next(i for i in range(50) if f'name="side_effects-{i}-id" value="{first.pk}"' in html)
    sent = as_browser_sends(html, {f"side_effects-{index}-description": "Reworded by the editor.", "_save": "Save"})
    entries = botox.history.count()
    response = admin_client_logged_in.post(url, sent, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert botox.history.count() == entries + 1  # one save, one entry
    assert "was changed successfully" in " ".join(str(message) for message in response.context["messages"])

    latest = botox.history.first()
    assert latest.history_change_reason == f"Side effects: changed {first}"
    history = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/").content.decode()
    assert f"Side effects: changed {first}" in history


def test_the_rules_area_and_concern_pickers_list_their_options(admin_client_logged_in, catalogue):
    html = change_page(admin_client_logged_in, Treatment.objects.get(slug="botox"))
    area_picker = html.split('name="indications-0-area"')[1].split("</select>")[0]
    assert ">Between the brows</option>" in area_picker and "admin-autocomplete" not in area_picker
    concern_picker = html.split('name="indications-0-concern"')[1].split("</select>")[0]
    assert ">Lines when moving (dynamic lines)</option>" in concern_picker


@pytest.mark.parametrize(
    "path",
    [
        "/admin/treatments/treatment/",
        "/admin/treatments/area/",
        "/admin/treatments/concern/",
        "/admin/treatments/precaution/",
        "/admin/treatments/area/add/",
    ],
)
def test_editors_see_no_slug(client, catalogue, path):
    sign_in(client, make_editor())
    visible_text = re.sub(r"<[^>]*>", " ", client.get(path).content.decode())
    assert "slug" not in visible_text.lower()


def test_a_treatments_web_address_is_tucked_away_and_explained(admin_client_logged_in, catalogue):
    html = change_page(admin_client_logged_in, Treatment.objects.get(slug="botox"))
    assert "Web address name" in html and "change it only with care" in html


def test_a_side_effects_description_is_a_box_for_a_sentence(admin_client_logged_in, catalogue):
    html = change_page(admin_client_logged_in, Treatment.objects.get(slug="botox"))
    assert '<textarea name="side_effects-0-description"' in html


def test_an_editor_sets_how_a_name_reads_inside_a_sentence_and_the_next_result_uses_it(
    admin_client_logged_in, catalogue
):
    fillers = Treatment.objects.get(slug="dermal-filler")
    url = f"/admin/treatments/treatment/{fillers.pk}/change/"
    response = admin_client_logged_in.post(url, treatment_form_data(fillers, name_in_sentence="skin fillers"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response

    consultation = make_consultation()
    patient = Client()
    as_sender(patient, consultation)
    html = patient.get(f"/consultation/{consultation.reference}/").content.decode()
    assert "Discuss skin fillers" in html and "Discuss Botox" in html
    assert "Combining Botox and skin fillers is common" in html


def test_an_editor_ticks_which_concerns_the_public_figure_is_for_and_the_next_result_follows(
    admin_client_logged_in, catalogue
):
    from treatments.models import Concern

    botox = Treatment.objects.get(slug="botox")
    url = f"/admin/treatments/treatment/{botox.pk}/change/"
    form = admin_client_logged_in.get(url).content.decode()
    assert form.count('type="checkbox" name="reference_duration_concerns"') == Concern.objects.count()

    sweating = Concern.objects.get(slug="sweating")
    data = treatment_form_data(botox, reference_duration_concerns=[sweating.pk])
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response

    latest = botox.history.first()  # the ticks are kept in the history, with who made them
    assert [c.concern.slug for c in latest.reference_duration_concerns.all()] == ["sweating"]
    assert latest.history_user.is_superuser

    consultation = make_consultation(**{"area-glabella": None, "area-cheeks": None, "area-underarms": ["sweating"]})
    patient = Client()
    as_sender(patient, consultation)
    html = patient.get(f"/consultation/{consultation.reference}/").content.decode()
    assert "longer than the 3 to 4 months given by the American Academy of Dermatology" in html


def test_a_side_effects_description_is_edited_in_a_text_box_on_its_page_and_in_the_treatments_table(
    admin_client_logged_in, catalogue
):
    from treatments.models import SideEffect

    effect = SideEffect.objects.first()
    html = admin_client_logged_in.get(f"/admin/treatments/sideeffect/{effect.pk}/change/").content.decode()
    assert '<textarea name="description"' in html and '<input type="text" name="name"' in html
    botox = Treatment.objects.get(slug="botox")
    html = admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/change/").content.decode()
    assert '<textarea name="side_effects-0-description"' in html


@pytest.mark.parametrize("path", ["{pk}/change/history/", "x/history/", "{pk}x/history/1/", "{pk}/history/abc/"])
def test_a_mistyped_history_address_is_not_found_not_an_error(admin_client_logged_in, catalogue, path):
    botox = Treatment.objects.get(slug="botox")
    response = admin_client_logged_in.get("/admin/treatments/treatment/" + path.format(pk=botox.pk))
    assert response.status_code == 404
    assert admin_client_logged_in.get(f"/admin/treatments/treatment/{botox.pk}/history/").status_code == 200
