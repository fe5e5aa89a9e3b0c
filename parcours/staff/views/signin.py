import logging
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from segno import make_qr

from parcours.accounts.access import OTP_REQUIRED, request_user
from parcours.accounts.models import User
from parcours.accounts.services import (
    enrolment_token_make,
    enrolment_token_valid,
    invitation_accept,
    invitation_user,
    totp_confirmed_devices,
    totp_device_confirm,
    totp_device_pending,
)
from parcours.notifications.outbox import email_enqueue
from parcours.staff.forms.signin import InvitationForm, LoginForm, TokenForm

logger = logging.getLogger(__name__)


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


# Set in the session by a valid enrolment link: the secret may be shown to this session.
ENROLMENT_OPENED = "parcours_totp_enrolment_opened"


def _send_enrolment_link(request: HttpRequest, user: User) -> None:
    link = settings.PARCOURS_SITE_URL.rstrip("/") + reverse(
        "accounts:otp_enrol", args=[enrolment_token_make(user=user)]
    )
    email_enqueue(
        subject=str(_("Parcours: set up your second factor")),
        body=_(
            "To protect your staff account, open this link within an hour, in the browser "
            "where you signed in, and follow the steps:\n\n%(link)s\n\n"
            "If you did not just sign in to Parcours, tell your administrator."
        )
        % {"link": link},
        to=[user.email],
    )
    logger.info("TOTP enrolment link sent to user %s", user.pk)


@login_required
@require_http_methods(["GET"])
def otp_enrol(request: HttpRequest, token: str) -> HttpResponse:
    user = request_user(request)
    if not enrolment_token_valid(user=user, token=token):
        logger.warning("invalid TOTP enrolment link opened by user %s", user.pk)
        return render(request, "accounts/otp_link_sent.html", {"invalid": True}, status=400)
    request.session[ENROLMENT_OPENED] = True
    return redirect("accounts:otp_setup")


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if totp_confirmed_devices(user=user):
        return redirect("accounts:otp_verify")
    if not request.session.get(ENROLMENT_OPENED):
        if request.method == "POST" or not request.session.get("parcours_totp_link_sent"):
            _send_enrolment_link(request, user)
            request.session["parcours_totp_link_sent"] = True
        return render(request, "accounts/otp_link_sent.html", {"invalid": False})
    logger.info("TOTP enrolment page shown to user %s", user.pk)
    device = totp_device_pending(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.pop(ENROLMENT_OPENED, None)
            logger.info("TOTP device confirmed for user %s", user.pk)
            return redirect(request.session.pop("after_login", settings.LOGIN_REDIRECT_URL))
        form.add_error("token", TokenForm.base_fields["token"].error_messages["invalid"])
    qr = make_qr(device.config_url).svg_data_uri(scale=5, border=2)
    context = {"form": form, "qr": qr, "secret": _base32(device.bin_key)}
    return render(request, "accounts/otp_setup.html", context)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: choose a password, then set up the second factor at once (the
    link came by e-mail, as the enrolment link does)."""
    user = invitation_user(token=token)
    if user is None:
        return render(request, "accounts/invitation.html", {"invalid": True}, status=400)
    form = InvitationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_accept(user=user, password=form.cleaned_data["new_password1"])
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[ENROLMENT_OPENED] = True
        logger.info("invitation accepted by user %s", user.pk)
        return redirect("accounts:otp_setup")
    return render(request, "accounts/invitation.html", {"form": form, "account": user})


def _base32(key: bytes) -> str:
    encoded = b32encode(key).decode().rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
