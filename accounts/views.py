"""Sign-up for patients, and where each kind of user lands after logging in."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from accounts.forms import SignupForm
from accounts.roles import CONTENT_EDITORS, has_role, is_staff_member


@never_cache
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:landing")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("me:home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def landing(request):
    if is_staff_member(request.user):
        return redirect("staff:queue")
    if request.user.is_staff and has_role(request.user, CONTENT_EDITORS):
        return redirect("admin:index")
    return redirect("me:home")
