from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from accounts.middleware import session_start
        from accounts.roles import roles_ensure
        from accounts.second_factor import enrolment_confirms_session

        post_migrate.connect(roles_ensure, dispatch_uid="accounts-roles-ensure")
        user_logged_in.connect(session_start, dispatch_uid="accounts-session-start")
        authenticator_added.connect(enrolment_confirms_session, dispatch_uid="accounts-enrolment-confirms-session")
