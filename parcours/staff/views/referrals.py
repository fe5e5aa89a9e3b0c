"""The staff's referral form. The person is looked for first (`referral_register`): a person
already known is reused; a probable match (a close name, the same birth date) is shown for the
user to say which person it is, or that it is another one; nothing is created meanwhile."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Referral
from parcours.pathways.selectors import people_visible_to
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.errors import ProbableMatchError
from parcours.people.models import Person
from parcours.staff.forms.people import ReferralForm

# A commune never sees another person's name (privacy): only that a match exists.
_COMMUNE_MATCH = gettext_lazy(
    "A person with the same birth date is already known to the centre. Add the national "
    "number if you have it, or send the referral anyway: the centre will check whether it is "
    "the same person."
)


def _same_as(request: HttpRequest) -> int | None:
    raw = str(request.POST.get("same_as", ""))
    return int(raw) if raw.isdecimal() and len(raw) < 10 else None  # noqa: PLR2004 - a key


@staff_view(roles=(*CENTRE_ROLES, Role.COMMUNE))
def referral_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    initial = {"letter_language": "fr", "referred_on": today()}
    form = ReferralForm(request.POST or None, user=user, initial=initial)
    matches: list[Person] = []
    commune = user.role == Role.COMMUNE
    asked = False  # a commune told of a match, offered to send the referral on
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral_input = ReferralInput(
            person=form.person_fields,
            commune=data["referring_commune"],
            referred_on=data["referred_on"],
            source=ReferralSource.FORM,
            note=data["note"],
            voluntary=data["voluntary"],
            same_as=None if commune else _same_as(request),
            # A commune sends on: the centre sees the probable duplicate on the person's page.
            new_person=bool(data.get("confirm_not_duplicate"))
            or (commune and request.POST.get("to_centre") == "1"),
        )
        try:
            result = referral_register(data=referral_input, actor=user)
        except ProbableMatchError as error:
            matches, asked = ([], True) if commune else (error.candidates, False)
            form.add_error(None, str(_COMMUNE_MATCH) if commune else str(error.message))
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            if user.role == Role.COMMUNE:  # the file is the centre's, not the commune's
                messages.success(
                    request,
                    _("Referral sent to the integration centre.")
                    if isinstance(result, Referral)
                    else _("The centre holding the file is asked to transfer it."),
                )
                return redirect("staff:commune_people")
            if isinstance(result, Referral):
                messages.success(request, _("Referral recorded."))
                return redirect("staff:person", result.pathway.person_id)
            messages.success(  # pragma: no cover - a centre's own form never asks for one
                request, _("The centre holding the file is asked to transfer it.")
            )
            return redirect("staff:worklist")  # pragma: no cover
    visible = set(
        people_visible_to(user=user)
        .filter(pk__in=[p.pk for p in matches])
        .values_list("pk", flat=True)
    )
    context = {"form": form, "matches": matches, "visible": visible, "to_centre": asked}
    return render(request, "staff/referral_form.html", context)
