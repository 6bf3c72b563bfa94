"""Login, logout and the user's own API tokens."""

from __future__ import annotations

import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from namro.accounts.actions import do_create_api_token, do_revoke_api_token
from namro.accounts.forms import LoginForm, TokenForm
from namro.accounts.models import User
from namro.lib.errors import ActionError


class LoginView(auth_views.LoginView):
    """Django's login with a growing delay after each failure (django-axes blocks later)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        failures = AxesProxyHandler.get_failures(self.request, {"username": form.data.get("username", "")})
        # Slow guessing down without holding a worker for long: 0.3 s per failure, 2 s at most.
        time.sleep(min(settings.LOGIN_DELAY_STEP * failures, settings.LOGIN_DELAY_MAX))
        return super().form_invalid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Đã đăng xuất."))
    return redirect("accounts:login")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's own API tokens and create a new one (its value is shown once)."""
    assert isinstance(request.user, User)
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = do_create_api_token(request.user, name=form.cleaned_data["name"], acting_user=request.user)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "raw_token": raw, "tokens": request.user.api_tokens.all()},
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    # Only the owner's own tokens are reachable: anyone else's id is a 404.
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    do_revoke_api_token(token, acting_user=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("accounts:tokens")
