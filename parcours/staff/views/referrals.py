from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.selectors import duplicates_of
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.errors import DuplicatePersonError
from parcours.staff.forms.people import ReferralForm


def _duplicates(request: HttpRequest, form: ReferralForm) -> list[object]:
    data = form.cleaned_data
    if data.get("confirm_not_duplicate"):
        return []
    found = duplicates_of(
        user=request_user(request),
        birth_date=data["birth_date"],
        family_name=data["family_name"],
        given_names=data["given_names"],
    )
    return list(found[:10])


@staff_view(roles=(*CENTRE_ROLES, Role.COMMUNE))
def referral_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    initial = {"letter_language": "fr", "referred_on": today()}
    form = ReferralForm(request.POST or None, user=user, initial=initial)
    duplicates: list[object] = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates(request, form)
        if not duplicates:
            data = form.cleaned_data
            referral_input = ReferralInput(
                person=form.person_fields,
                commune=data["referring_commune"],
                referred_on=data["referred_on"],
                source=ReferralSource.FORM,
                note=data["note"],
                voluntary=data["voluntary"],
            )
            try:
                referral = referral_register(data=referral_input, actor=user)
            except DuplicatePersonError as error:
                form.add_error(None, str(error.message))
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                if user.role == Role.COMMUNE:  # the file is the centre's, not the commune's
                    messages.success(request, _("Referral sent to the integration centre."))
                    return redirect("staff:commune_people")
                messages.success(request, _("Referral recorded."))
                return redirect("staff:person", referral.pathway.person_id)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "staff/referral_form.html", context)
