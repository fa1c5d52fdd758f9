from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from django.db.backends.signals import connection_created

        from consultations.name_folding import sqlite_fold_register

        connection_created.connect(sqlite_fold_register)
