from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = _("Treatment content")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from treatments import models
        from treatments.catalogue import catalogue_version_renew

        def changed(sender, **kwargs):
            catalogue_version_renew()

        # Any edit of the catalogue, from the admin or elsewhere, gives it a new version: what was cached goes stale.
        for model in (
            models.Treatment,
            models.Region,
            models.Area,
            models.Concern,
            models.Indication,
            models.SideEffect,
            models.Precaution,
            models.PrecautionEffect,
        ):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"catalogue-save-{model.__name__}")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"catalogue-delete-{model.__name__}")
        m2m_changed.connect(
            changed,
            sender=models.Precaution.treatments.through,
            weak=False,
            dispatch_uid="catalogue-precaution-treatments",
        )
        m2m_changed.connect(
            changed,
            sender=models.Treatment.reference_duration_concerns.through,
            weak=False,
            dispatch_uid="catalogue-treatment-reference-duration-concerns",
        )
