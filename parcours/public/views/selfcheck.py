"""Public self-check: "Am I concerned by the integration pathway?" Nothing entered is stored."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from parcours.public.forms import SelfCheckForm
from parcours.rules.errors import InputError
from parcours.territory.eligibility import eligibility_evaluate
from parcours.territory.enums import LanguageRegion
from parcours.territory.models import Centre, PostalLocality
from parcours.territory.selectors import region_of_postal_code

# Outside Wallonia only the region matters to the rules (out of scope): any commune of that
# region gives the same decision, so the self-check need not know every Belgian commune.
_REGION_COMMUNE = {LanguageRegion.BRUSSELS: "21004", LanguageRegion.FLANDERS: "11002"}


def _commune_nis(postal_code: str) -> str | None:
    locality = PostalLocality.objects.filter(postal_code=postal_code).select_related("commune")
    found = locality.first()
    if found is not None:
        return found.commune.nis_code
    return _REGION_COMMUNE.get(LanguageRegion(region_of_postal_code(postal_code)))


def _decide(form: SelfCheckForm) -> dict[str, object] | None:
    nis = _commune_nis(form.cleaned_data["postal_code"])
    if nis is None:
        form.add_error("postal_code", _("This postal code does not exist."))
        return None
    payload = form.contract_input(reference_date=timezone.localdate(), commune_nis=nis)
    try:
        decision = eligibility_evaluate(payload)
    except InputError:
        # The form checks what a person can get wrong; this is a last line of defence.
        form.add_error(None, _("These answers cannot be decided: please check the dates."))
        return None
    assert isinstance(decision, dict)  # noqa: S101 -- one object in, one decision out
    return decision


def _dates(decision: dict[str, object] | None) -> dict[str, date]:
    """The deadlines as dates, so that the template shows them in the page's language."""
    deadlines = (decision or {}).get("deadlines") or {}
    assert isinstance(deadlines, dict)  # noqa: S101 -- the contract's shape
    return {name: date.fromisoformat(value) for name, value in deadlines.items() if value}


def _permit_pending(decision: dict[str, object] | None) -> bool:
    """The rules' own `permit_pending` reason: concerned once the ordered permit is issued."""
    reasons = (decision or {}).get("reasons") or []
    assert isinstance(reasons, list)  # noqa: S101 -- the contract's shape
    return any(reason.get("code") == "permit_pending" for reason in reasons)


@never_cache
@require_http_methods(["GET", "POST"])
def self_check(request: HttpRequest) -> HttpResponse:
    # POST, not GET: a birth date or nationality in a URL would end up in access logs.
    form = SelfCheckForm(request.POST if request.method == "POST" else None)
    decision = _decide(form) if form.is_bound and form.is_valid() else None
    centre = None
    if decision and decision.get("competent_centre"):
        centre = Centre.objects.filter(code=decision["competent_centre"]).first()
    context = {
        "form": form,
        "decision": decision,
        "centre": centre,
        "deadlines": _dates(decision),
        "permit_pending": _permit_pending(decision),
        "today": timezone.localdate(),
    }
    return render(request, "public/self_check.html", context)
