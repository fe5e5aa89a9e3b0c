"""The public self-check: plain questions, turned into the rules contract's input."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.core.iso import country_choices
from parcours.core.text import postal_query
from parcours.rules.contract import waiver_codes
from parcours.rules.loader import default_parameters

# Labels for the waiver grounds a person proves (codes from the rules' waiver_grounds).
WAIVER_LABELS = {
    "medical_certificate": _(
        "A medical certificate says that illness or a severe disability prevents me from "
        "following the pathway"
    ),
    "belgian_diploma": _("I hold a diploma or certificate of the Belgian education system"),
    "attestation_other_region": _(
        "I hold an integration certificate from another Region or Community"
    ),
    "employment_half_time_3_months": _(
        "I have worked at least half-time for more than three months in a row"
    ),
    "student": _("I am a regular student"),
    "exchange_student": _("I am an exchange student"),
    "doctoral_grant": _("I hold a doctoral grant"),
    "higher_education_teacher": _(
        "I teach in a higher-education institution of the Fédération Wallonie-Bruxelles"
    ),
}
PLAUSIBLE_YEARS = range(1900, 2200)  # as the rules contract accepts
PERMIT_HELD, PERMIT_ORDERED = "yes", "ordered"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plausible_birth_date(value: date) -> None:
    """A birth date a living person can have (0001-01-01 and 9999-12-31 were accepted)."""
    if value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    if value.year < PLAUSIBLE_YEARS.start:
        raise forms.ValidationError(_("Check the year of this date."))


def waiver_choices() -> list[tuple[str, Any]]:
    codes = sorted(waiver_codes(default_parameters()))
    return [(code, WAIVER_LABELS.get(code, code)) for code in codes]


class PostalCodeField(forms.RegexField):
    """A postal code as people type it: "٧٠٠٠", "７０００" or "7000 Mons" all read 7000."""

    def to_python(self, value: Any) -> str:
        return postal_query(str(super().to_python(value)))


class SelfCheckForm(forms.Form):
    postal_code = PostalCodeField(
        label=_("Postal code of the place where you live"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("A Belgian postal code has four digits, for example 7000.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": "40"}
        ),
    )
    birth_date = forms.DateField(label=_("Your date of birth"), widget=DATE_INPUT)
    nationality = forms.ChoiceField(label=_("Your nationality"), choices=country_choices)
    second_nationality = forms.ChoiceField(
        label=_("Second nationality, if you have one"), choices=country_choices, required=False
    )
    family_member_of_eea_citizen = forms.BooleanField(
        label=_(
            "I am the spouse, partner, child or dependent parent of a citizen of the European "
            "Union, the European Economic Area or Switzerland"
        ),
        required=False,
    )
    has_permit = forms.ChoiceField(
        label=_("Do you hold a Belgian residence permit?"),
        choices=[
            (PERMIT_HELD, _("Yes")),
            (PERMIT_ORDERED, _("Ordered at the commune, not issued yet")),
            ("no", _("No")),
        ],
        widget=forms.RadioSelect,
    )
    permit_valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE_INPUT)
    permit_valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty if your permit has no end date."),
    )
    permit_ordered_on = forms.DateField(
        label=_("Date you ordered the permit at the commune"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "It is on the receipt the commune gave you: the certificate deadline counts from it."
        ),
    )
    legal_stay_since = forms.DateField(
        label=_("Since when have you stayed legally in Belgium?"), required=False, widget=DATE_INPUT
    )
    registered_on = forms.DateField(
        label=_("Date of your registration in your commune"), required=False, widget=DATE_INPUT
    )
    waivers = forms.MultipleChoiceField(
        label=_("Does one of these apply to you?"),
        choices=waiver_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        permit = data.get("has_permit")
        if permit == PERMIT_HELD:
            for name in ("permit_valid_from", "permit_ordered_on", "legal_stay_since"):
                if not data.get(name):
                    self.add_error(name, _("Needed when you hold a permit."))
        elif permit == PERMIT_ORDERED:
            # Ordered, not issued: no validity dates yet; the deadlines count from the order.
            data["permit_valid_from"] = data["permit_valid_until"] = None
            for name in ("permit_ordered_on", "legal_stay_since"):
                if not data.get(name):
                    self.add_error(name, _("Needed when you have ordered a permit."))
        self._check_dates(data)
        return data

    def _check_dates(self, data: dict[str, Any]) -> None:
        today = timezone.localdate()
        # Every fact must hold on the day of the answer (the contract refuses them too).
        for name in ("birth_date", "legal_stay_since", "registered_on", "permit_ordered_on"):
            if data.get(name) and data[name] > today and data[name].year in PLAUSIBLE_YEARS:
                self.add_error(name, _("This date is in the future."))
        for name, value in list(data.items()):
            if isinstance(value, date) and value.year not in PLAUSIBLE_YEARS:
                self.add_error(name, _("Check the year of this date."))
        start, end = data.get("permit_valid_from"), data.get("permit_valid_until")
        if start and end and end < start:
            self.add_error("permit_valid_until", _("The permit cannot end before it starts."))

    def contract_input(self, *, reference_date: date, commune_nis: str) -> dict[str, object]:
        data = self.cleaned_data
        nationalities = [c for c in (data["nationality"], data.get("second_nationality")) if c]
        permit = None
        if data["has_permit"] in (PERMIT_HELD, PERMIT_ORDERED):
            permit = {
                "valid_from": _iso(data["permit_valid_from"]),
                "valid_until": _iso(data.get("permit_valid_until")),
                "ordered_on": _iso(data.get("permit_ordered_on")),
            }
        return {
            "reference_date": reference_date.isoformat(),
            "birth_date": data["birth_date"].isoformat(),
            "nationalities": list(dict.fromkeys(nationalities)),
            "family_member_of_eea_citizen": data["family_member_of_eea_citizen"],
            "legal_stay_since": _iso(data.get("legal_stay_since")),
            "registered_on": _iso(data.get("registered_on")),
            "permit": permit,
            "commune_nis": commune_nis,
            "waivers": data.get("waivers", []),
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
