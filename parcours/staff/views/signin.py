from base64 import b32encode

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from segno import make_qr

from parcours.accounts.access import OTP_REQUIRED, request_user
from parcours.accounts.services import (
    totp_confirmed_devices,
    totp_device_confirm,
    totp_device_pending,
)
from parcours.staff.forms.signin import LoginForm, TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else str(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        auth_login(request, user)
        request.session["after_login"] = _next_url(request)
        request.session[OTP_REQUIRED] = bool(totp_confirmed_devices(user=user))
        if request.session[OTP_REQUIRED]:
            return redirect("accounts:otp_verify")
        if settings.PARCOURS_REQUIRE_2FA:
            return redirect("accounts:otp_setup")
        return redirect(request.session.pop("after_login"))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    devices = totp_confirmed_devices(user=request_user(request))
    if "next" in request.GET:
        request.session["after_login"] = _next_url(request)
    if not devices:
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        device = next((d for d in devices if d.verify_token(token)), None)
        if device is not None:
            otp_login(request, device)
            return redirect(request.session.pop("after_login", settings.LOGIN_REDIRECT_URL))
        form.add_error("token", TokenForm.base_fields["token"].error_messages["invalid"])
    return render(request, "accounts/otp_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if totp_confirmed_devices(user=user):
        return redirect("accounts:otp_verify")
    device = totp_device_pending(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(request.session.pop("after_login", settings.LOGIN_REDIRECT_URL))
        form.add_error("token", TokenForm.base_fields["token"].error_messages["invalid"])
    qr = make_qr(device.config_url).svg_data_uri(scale=5, border=2)
    context = {"form": form, "qr": qr, "secret": _base32(device.bin_key)}
    return render(request, "accounts/otp_setup.html", context)


def _base32(key: bytes) -> str:
    encoded = b32encode(key).decode().rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
