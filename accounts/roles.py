"""The three staff roles as Django groups, and what each may do. Patients are users with no role."""

STAFF = "Staff"
CONTENT_EDITORS = "Content editors"
CLINIC_ADMINS = "Clinic admins"

REVIEW_PERMISSION = "consultations.review_consultation"
EXPORT_PERMISSION = "consultations.export_consultation"

CATALOGUE_MODELS = ["treatment", "region", "area", "concern", "indication", "sideeffect", "precaution"]

# (app_label, codename) pairs per role. Clinic admins get every permission there is.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    STAFF: [
        ("consultations", "review_consultation"),
        ("consultations", "export_consultation"),
        ("consultations", "view_consultation"),
    ],
    CONTENT_EDITORS: [
        ("treatments", f"{action}_{model}")
        for model in CATALOGUE_MODELS
        for action in ("add", "change", "delete", "view")
    ],
}


def group_names(user) -> frozenset[str]:
    """The user's role groups, read once per user object (that is, once per request), as Django keeps perms."""
    if not hasattr(user, "_group_names"):
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names


def has_role(user, role: str) -> bool:
    return user.is_authenticated and (user.is_superuser or role in group_names(user))


def is_staff_member(user) -> bool:
    """Staff or clinic admin: the people who review consultations."""
    return user.is_authenticated and user.has_perm(REVIEW_PERMISSION)


def roles_ensure(**kwargs) -> None:
    """Make sure the role groups exist with their permissions; Clinic admins hold every permission there is.

    Runs after every migrate (and after a test flush, which empties the tables a migration filled), so new
    permissions reach Clinic admins and the roles are always there.
    """
    from django.contrib.auth.models import Group, Permission

    for role, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = Permission.objects.none()
        for app_label, codename in pairs:
            wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*wanted)
    admins, _ = Group.objects.get_or_create(name=CLINIC_ADMINS)
    admins.permissions.set(Permission.objects.all())


def works_at_clinic(user) -> bool:
    """A logged-in user with the admin-site flag or any role group."""
    return user.is_authenticated and (user.is_staff or bool(group_names(user)))


def is_patient(user) -> bool:
    """A logged-in user with no staff role: their consultations are their own."""
    return user.is_authenticated and not (user.is_superuser or works_at_clinic(user))
