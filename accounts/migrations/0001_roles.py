"""Creates the three staff roles as groups with their permissions."""

from django.db import migrations

# Frozen here as they were when the roles were made; later changes need a migration of their own.
CLINIC_ADMINS = "Clinic admins"
CATALOGUE_MODELS = ["treatment", "region", "area", "concern", "indication", "sideeffect", "precaution"]
ROLE_PERMISSIONS = {
    "Staff": [
        ("consultations", "review_consultation"),
        ("consultations", "export_consultation"),
        ("consultations", "view_consultation"),
    ],
    "Content editors": [
        ("treatments", f"{action}_{model}") for model in CATALOGUE_MODELS for action in ("add", "change", "delete", "view")
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in pairs:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admins, _ = Group.objects.get_or_create(name=CLINIC_ADMINS)
    admins.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLE_PERMISSIONS, CLINIC_ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("treatments", "0002_constraint_messages"),
        ("consultations", "0002_review"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
