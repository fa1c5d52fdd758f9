"""Who may open which page: one decorator per door, so no view checks roles by hand."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.roles import EXPORT_PERMISSION, is_patient, is_staff_member


def _role_required(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Staff and clinic admins: anonymous visitors are sent to log in, anyone else gets 403.
staff_required = _role_required(is_staff_member)
# Patients' own pages: staff accounts have no patient data of their own.
patient_required = _role_required(is_patient)
# Exports and the print view take a consultation out of the app: reviewing is not enough, exporting is granted apart.
export_required = _role_required(lambda user: is_staff_member(user) and user.has_perm(EXPORT_PERMISSION))
