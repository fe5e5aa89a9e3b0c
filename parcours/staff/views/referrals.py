"""The staff's referral form. The person is looked for first (`referral_register`): a person
already known is reused; a probable match (a close name, the same birth date) is shown for the
user to say which person it is, or that it is another one; nothing is created meanwhile."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, request_user
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Referral
from parcours.pathways.selectors import people_visible_to
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.errors import ProbableMatchError
from parcours.people.models import Person
from parcours.staff.forms.people import ReferralForm


def _same_as(request: HttpRequest) -> int | None:
    raw = str(request.POST.get("same_as", ""))
    return int(raw) if raw.isdecimal() and len(raw) < 10 else None  # noqa: PLR2004 - a key


@centre_staff
def referral_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    initial = {"letter_language": "fr", "referred_on": today()}
    form = ReferralForm(request.POST or None, user=user, initial=initial)
    matches: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral_input = ReferralInput(
            person=form.person_fields,
            commune=data["referring_commune"],
            referred_on=data["referred_on"],
            source=ReferralSource.FORM,
            note=data["note"],
            voluntary=data["voluntary"],
            same_as=_same_as(request),
            new_person=bool(data.get("confirm_not_duplicate")),
        )
        try:
            result = referral_register(data=referral_input, actor=user)
        except ProbableMatchError as error:
            matches = error.candidates
            form.add_error(None, str(error.message))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            if isinstance(result, Referral):
                messages.success(request, _("Referral recorded."))
                return redirect("staff:person", result.pathway.person_id)
            messages.success(  # pragma: no cover - staff forms never ask for a transfer
                request, _("The centre holding the file is asked to transfer it.")
            )
            return redirect("staff:worklist")  # pragma: no cover
    visible = set(
        people_visible_to(user=user)
        .filter(pk__in=[p.pk for p in matches])
        .values_list("pk", flat=True)
    )
    context = {"form": form, "matches": matches, "visible": visible}
    return render(request, "staff/referral_form.html", context)
