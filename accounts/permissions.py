"""Each user's groups and permissions, read once and kept in the shared cache.

Without this, every staff page asked the database three times before its own work: Django's ModelBackend loads a
user's own and group permissions (two queries) on the first `has_perm`, and the idle-timeout middleware asked for
the groups. Profiling the staff queue at 100,000 consultations put those three queries at about a fifth of the
page's time. Now they come from one cache entry per user.

Entries live under a stamp. Any change that could alter an answer renews the stamp, so every entry goes stale at
once: group membership, a group's permissions, a user's own permissions, a group or permission saved or deleted,
and a user saved or deleted (their flags and name also make up the list of reviewers). The stamp is renewed at
once and again when the transaction commits, so a request that read the database just before the commit cannot
keep a stale entry. Changes that skip signals (raw SQL, `QuerySet.update`) must call `access_stamp_renew()`.
"""

import copy
from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

from clinic import stamps
from clinic.stamps import stamp, stamp_renew

STAMP_KEY = stamps.ACCESS
ENTRY_SECONDS = 60 * 60
MEMO_ATTRIBUTE = "_clinic_access"


@dataclass(frozen=True)
class Access:
    """What one user may do: their groups' names and their permissions as "app_label.codename"."""

    groups: frozenset[str]
    user_permissions: frozenset[str]
    group_permissions: frozenset[str]


def access_stamp() -> str:
    return stamp(STAMP_KEY)


def access_stamp_renew() -> None:
    stamp_renew(STAMP_KEY)


def access_from_database(user) -> Access:
    backend = ModelBackend()
    return Access(
        groups=frozenset(user.groups.values_list("name", flat=True)),
        user_permissions=frozenset(backend.get_user_permissions(user)),
        group_permissions=frozenset(backend.get_group_permissions(user)),
    )


def user_access(user) -> Access:
    """The user's Access: from the request's user object, the shared cache, or the database, in that order."""
    memo = getattr(user, MEMO_ATTRIBUTE, None)
    if memo is not None:
        return memo
    if not user.is_authenticated:
        return Access(frozenset(), frozenset(), frozenset())
    key = f"accounts:access:{access_stamp()}:{user.pk}"
    access = caches["stamped"].get(key)
    if access is None:
        access = access_from_database(user)
        caches["stamped"].set(key, access, ENTRY_SECONDS)
    setattr(user, MEMO_ATTRIBUTE, access)
    return access


class CachedPermissionsBackend(ModelBackend):
    """Django's ModelBackend (the same passwords and the same answers), with the user's row and permissions
    read from the stamped cache: a logged-in request no longer asks the database who its user is.

    Any save of a user other than a login's last_login renews the access stamp, so a password change, a
    deactivation or a rename is seen on the next request, as before.
    """

    def get_user(self, user_id):
        key = f"accounts:user:{access_stamp()}:{user_id}"
        user = caches["stamped"].get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            caches["stamped"].set(key, user, ENTRY_SECONDS)
        # A copy per request: the request may set attributes on its user, which must not reach the next one.
        return copy.copy(user) if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set(user_access(user_obj).user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set(user_access(user_obj).group_permissions)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        access = user_access(user_obj)
        return set(access.user_permissions | access.group_permissions)
