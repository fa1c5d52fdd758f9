"""The catalogue's version, in every cached part's key, changes with each edit and with each deploy's migrate."""

import pytest
from django.core.management import call_command

from treatments.catalogue import catalogue_version
from treatments.models import Concern

pytestmark = pytest.mark.django_db


def test_an_edit_gives_a_new_version(catalogue):
    before = catalogue_version()
    concern = Concern.objects.first()
    concern.name = "Lines between the brows"
    concern.save()
    assert catalogue_version() != before


def test_a_migrate_gives_a_new_version(catalogue):
    before = catalogue_version()
    call_command("migrate", verbosity=0)
    assert catalogue_version() != before
