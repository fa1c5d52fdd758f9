"""Database constraints keep the catalogue's invariants, whoever writes to it."""

import pytest
from django.db import IntegrityError, transaction

from treatments.models import Indication, Treatment

pytestmark = pytest.mark.django_db


def test_treatment_duration_min_above_max_is_refused(catalogue):
    botox = Treatment.objects.get(slug="botox")
    botox.duration_min_months, botox.duration_max_months = 9, 4
    with pytest.raises(IntegrityError), transaction.atomic():
        botox.save(update_fields=["duration_min_months", "duration_max_months"])


def test_treatment_onset_min_above_max_is_refused(catalogue):
    botox = Treatment.objects.get(slug="botox")
    botox.onset_days_min = 30
    with pytest.raises(IntegrityError), transaction.atomic():
        botox.save(update_fields=["onset_days_min"])


def test_treatment_slug_is_unique(catalogue):
    botox = Treatment.objects.get(slug="botox")
    botox.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        botox.save()


def test_indication_is_unique_per_treatment_area_concern(catalogue):
    rule = Indication.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Indication.objects.create(treatment=rule.treatment, area=rule.area, concern=rule.concern, reason="again")


def test_indication_duration_needs_both_ends(catalogue):
    rule = Indication.objects.filter(duration_min_months__isnull=True).first()
    rule.duration_min_months = 3
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save(update_fields=["duration_min_months"])


def test_published_hides_drafts(catalogue):
    Treatment.objects.filter(slug="dermal-filler").update(status=Treatment.Status.DRAFT)
    assert [t.slug for t in Treatment.objects.published()] == ["botox"]


def test_models_read_as_their_names(catalogue):
    rule = Indication.objects.select_related("treatment", "area", "concern").get(
        treatment__slug="botox", area__slug="glabella", concern__slug="lines-when-moving"
    )
    assert str(rule) == "Botox · Between the brows · Lines when moving (dynamic lines)"


def test_the_migration_fills_in_the_seeded_fillers_name_inside_a_sentence_and_leaves_an_editors_name(catalogue):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("treatments.migrations.0008_treatment_name_in_sentence")
    Treatment.objects.filter(slug="dermal-filler").update(name_in_sentence="")
    migration.seeded_filler_in_sentence(apps, None)
    assert Treatment.objects.get(slug="dermal-filler").name_in_sentence == "dermal fillers"

    Treatment.objects.filter(slug="dermal-filler").update(name="Fillers", name_in_sentence="")
    migration.seeded_filler_in_sentence(apps, None)
    # An editor's own name is theirs: left blank, the name itself is used.
    assert Treatment.objects.get(slug="dermal-filler").name_in_sentence == ""
    assert Treatment.objects.get(slug="botox").name_in_sentence == ""


def test_the_migration_ties_the_seeded_botox_figure_to_lines_and_leaves_an_editors_own_source(catalogue):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("treatments.migrations.0009_reference_duration_concerns")
    botox = Treatment.objects.get(slug="botox")
    botox.reference_duration_concerns.clear()
    migration.seeded_botox_figure_is_for_lines(apps, None)
    assert set(botox.reference_duration_concerns.values_list("slug", flat=True)) == {
        "lines-when-moving",
        "lines-at-rest",
    }

    botox.reference_duration_concerns.clear()
    Treatment.objects.filter(slug="botox").update(
        reference_duration_source="the American Academy of Dermatology and the NHS"
    )
    migration.seeded_botox_figure_is_for_lines(apps, None)  # the seeded wording before it named what it is for
    assert botox.reference_duration_concerns.count() == 2

    botox.reference_duration_concerns.clear()
    Treatment.objects.filter(slug="botox").update(reference_duration_source="the NHS")
    migration.seeded_botox_figure_is_for_lines(apps, None)
    assert not botox.reference_duration_concerns.exists()  # an editor's own figure may be for anything
