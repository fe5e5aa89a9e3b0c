"""Public certificate check: the QR code's link, or a form for the code or the printed
number with the holder's birth date. Shows only what is needed to check (valid or revoked,
name, birth year, centre, date)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from parcours.certificates.services import (
    Verification,
    certificate_verify,
    certificate_verify_number,
)
from parcours.core.http import client_ip
from parcours.core.ratelimit import rate_hit
from parcours.core.tokens import token_digest
from parcours.public.forms import plausible_birth_date

# Product limit (not a decree value): checks per address and hour through the form.
CHECKS_PER_HOUR = 30


class VerifyForm(forms.Form):
    reference = forms.CharField(
        label=_("Code or certificate number"),
        max_length=80,
        help_text=_(
            "The code under the QR code, or the number printed on the certificate "
            "(for example CIMB-2026-00012)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("The holder's date of birth"),
        required=False,
        help_text=_("Needed with the printed number."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}),
        validators=[plausible_birth_date],
    )


def _page(request: HttpRequest, context: dict[str, object], status: int = 200) -> HttpResponse:
    response = render(request, "public/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code's link."""
    return _page(request, {"check": certificate_verify(code), "form": VerifyForm()})


def _check(form: VerifyForm) -> Verification | None:
    reference, born = form.cleaned_data["reference"], form.cleaned_data.get("birth_date")
    if born is not None:
        return certificate_verify_number(reference, born)
    check = certificate_verify(reference)
    if not check.valid and not check.revoked and "-" in reference.strip(" -"):
        form.add_error("birth_date", _("Give the holder's date of birth with the number."))
        return None
    return check


def _over_limit(request: HttpRequest) -> bool:
    key = f"verify:address:{token_digest(client_ip(request))[:32]}"
    return rate_hit(key, window_seconds=3600) > CHECKS_PER_HOUR


@never_cache
@require_http_methods(["GET", "POST"])
def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None)
    check = None
    if request.method == "POST":
        if _over_limit(request):
            form.is_valid()
            form.add_error(None, _("Too many checks from this connection. Try again in an hour."))
        elif form.is_valid():
            check = _check(form)
    status = 400 if form.errors else 200
    return _page(request, {"check": check, "form": form, "asked": True}, status)
