"""Where each kind of user lands after signing in. Sign-up, login, password and second factor are allauth's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from accounts.roles import CONTENT_EDITORS, has_role, is_staff_member


@login_required
def landing(request):
    if is_staff_member(request.user):
        return redirect("staff:queue")
    if request.user.is_staff and has_role(request.user, CONTENT_EDITORS):
        return redirect("admin:index")
    return redirect("me:home")
