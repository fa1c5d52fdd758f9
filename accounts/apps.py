from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.roles import grant_every_permission_to_clinic_admins

        post_migrate.connect(grant_every_permission_to_clinic_admins, dispatch_uid="clinic-admins-everything")
