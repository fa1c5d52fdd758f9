from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission

        from accounts.permissions import access_stamp_renew
        from accounts.roles import roles_ensure

        post_migrate.connect(roles_ensure, dispatch_uid="accounts-roles-ensure")

        User = get_user_model()

        def changed(sender, **kwargs):
            access_stamp_renew()

        def user_saved(sender, update_fields=None, **kwargs):
            # Every login saves last_login; that changes no one's access.
            if update_fields is None or set(update_fields) != {"last_login"}:
                access_stamp_renew()

        # Any change to who holds which group or permission makes every cached Access stale (accounts/permissions.py).
        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"access-m2m-{through.__name__}")
        for model in (Group, Permission):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"access-save-{model.__name__}")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"access-delete-{model.__name__}")
        post_save.connect(user_saved, sender=User, weak=False, dispatch_uid="access-save-user")
        post_delete.connect(changed, sender=User, weak=False, dispatch_uid="access-delete-user")
