"""The catalogue's version, in every cached part's key, changes with each edit and names this release."""

import pytest

from clinic.release import release
from treatments.catalogue import catalogue_version
from treatments.models import Concern

pytestmark = pytest.mark.django_db


def test_an_edit_gives_a_new_version(catalogue):
    before = catalogue_version()
    concern = Concern.objects.first()
    concern.name = "Lines between the brows"
    concern.save()
    assert catalogue_version() != before


def test_the_version_names_this_release(catalogue):
    assert catalogue_version().endswith(f".{release()}")
