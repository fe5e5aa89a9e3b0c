"""Person and referral forms. Forms only check shapes; services validate and write."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.core.forms import GroupedForm, date_field
from parcours.core.iso import country_choices, language_choices
from parcours.people.enums import CefrLevel, PermitKind, Sex
from parcours.people.identifiers import language_codes
from parcours.people.models import Person
from parcours.people.services import EDITABLE_FIELDS, clean_person_fields
from parcours.territory.models import Commune

NATIONALITY_SELECTS = 3
LANGUAGE_SELECTS = 4


def staff_language_choices() -> list[tuple[str, str]]:
    return language_choices(language_codes())


def letter_language_choices() -> list[tuple[str, str]]:
    return staff_language_choices()[1:]


class CodeListWidget(forms.MultiWidget):
    """Several plain selects, one code each: no JavaScript, readable at 360 px. The field's
    label names the first; the others carry their own accessible name."""

    def __init__(self, label: Any, selects: list[forms.Widget]) -> None:
        self.label = label
        super().__init__(selects)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for index, subwidget in enumerate(context["widget"]["subwidgets"]):
            if index:
                subwidget["attrs"]["aria-label"] = f"{self.label} ({index + 1})"
        return context

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [code.strip() for code in value.replace(";", ",").split(",")]
        return list(value or [])


class CodeListField(forms.MultiValueField):
    """A list of ISO codes chosen by name in several selects; cleans to the list of codes."""

    def __init__(self, *, label: Any, choices: Any, size: int, **kwargs: Any) -> None:
        self.code_choices = choices
        fields = [self._subfield() for _index in range(size)]
        super().__init__(
            fields=fields,
            widget=CodeListWidget(label, [field.widget for field in fields]),
            label=label,
            required=False,
            require_all_fields=False,
            **kwargs,
        )

    def _subfield(self) -> forms.ChoiceField:
        select = forms.Select(choices=self.code_choices)
        return forms.ChoiceField(choices=self.code_choices, required=False, widget=select)

    def grow(self, size: int) -> None:
        """Room for `size` codes (a person may hold more than the usual number)."""
        if len(self.fields) >= size:
            return
        while len(self.fields) < size:
            self.fields = (*self.fields, self._subfield())
        self.widget = CodeListWidget(self.label, [field.widget for field in self.fields])

    def compress(self, data_list: list[str]) -> list[str]:
        return list(dict.fromkeys(code for code in data_list or [] if code))


class PersonForm(GroupedForm):
    family_name = forms.CharField(label=_("Family name (as on the permit)"), max_length=150)
    given_names = forms.CharField(label=_("Given names (as on the permit)"), max_length=150)
    usual_name = forms.CharField(label=_("Usual name"), max_length=150, required=False)
    birth_date = date_field(_("Birth date"), required=True)
    birth_place = forms.CharField(
        label=_("Birth place"),
        required=False,
        max_length=150,
        help_text=_("Town and country, as on the permit"),
    )
    sex = forms.ChoiceField(label=_("Sex (as on the permit)"), choices=Sex.choices)
    nationalities = CodeListField(
        label=_("Nationalities"), choices=country_choices, size=NATIONALITY_SELECTS
    )
    national_number = forms.CharField(
        label=_("National register or BIS number"),
        required=False,
        max_length=20,
        help_text=_("11 digits, with or without dots and dashes"),
    )
    languages = CodeListField(
        label=_("Languages spoken"), choices=staff_language_choices, size=LANGUAGE_SELECTS
    )
    letter_language = forms.ChoiceField(
        label=_("Language for letters"), choices=letter_language_choices, initial="fr"
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter needed (language)"), choices=staff_language_choices, required=False
    )
    french_level = forms.ChoiceField(
        label=_("French level"), choices=[("", "—"), *CefrLevel.choices], required=False
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=4)
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.filter(valid_until__isnull=True)
    )
    arrived_on = date_field(_("Arrived in Belgium on"))
    legal_stay_since = date_field(_("Legal stay since"))
    registered_on = date_field(_("Registered in the commune on"))
    permit_kind = forms.ChoiceField(
        label=_("Residence permit"), choices=[("", "—"), *PermitKind.choices], required=False
    )
    permit_ordered_on = date_field(_("Permit ordered on"))
    permit_valid_from = date_field(_("Permit valid from"))
    permit_valid_until = date_field(_("Permit valid until"))
    family_member_of_eea_citizen = forms.BooleanField(
        label=_("Family member of an EU/EEA/Swiss citizen"), required=False
    )

    # In the order of the permit and of the interview: who, how to reach, where, the stay.
    fieldsets: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (
            _("Identity"),
            (
                "family_name",
                "given_names",
                "usual_name",
                "birth_date",
                "birth_place",
                "sex",
                "nationalities",
                "national_number",
            ),
        ),
        (_("Languages"), ("languages", "letter_language", "interpreter_language", "french_level")),
        (_("Contact"), ("phone", "email")),
        (_("Address"), ("street", "postal_code", "commune")),
        (
            _("Stay and residence permit"),
            (
                "arrived_on",
                "legal_stay_since",
                "registered_on",
                "permit_kind",
                "permit_ordered_on",
                "permit_valid_from",
                "permit_valid_until",
                "family_member_of_eea_citizen",
            ),
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                own = {name: value for name, value in data.items() if name in EDITABLE_FIELDS}
                self.person_fields = clean_person_fields(own)
            except DomainError as error:
                raise forms.ValidationError(str(error.message)) from None
        return data

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in EDITABLE_FIELDS}
        initial["nationalities"] = list(person.nationalities)
        initial["languages"] = list(person.languages)
        return initial

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("nationalities", "languages"):  # room for every stored code, and one more
            field = self.fields[name]
            assert isinstance(field, CodeListField)  # noqa: S101 - declared above
            stored = self.initial.get(name) or []
            field.grow(len(stored) + 1)
        # Communes of today, and the stored one when it has a successor since (a file keeps
        # the code it was recorded with until someone changes it).
        current = self.initial.get("commune")
        commune = self.fields["commune"]
        assert isinstance(commune, forms.ModelChoiceField)  # noqa: S101 - declared above
        if current is not None:
            commune.queryset = Commune.objects.filter(
                Q(valid_until__isnull=True) | Q(pk=getattr(current, "pk", current))
            )


class CorrectionForm(PersonForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300, required=False)

    fieldsets = (*PersonForm.fieldsets, (_("The correction"), ("reason",)))


class ReferralForm(PersonForm):
    referring_commune = forms.ModelChoiceField(
        label=_("Referred by the commune of"), queryset=Commune.objects.none()
    )
    referred_on = date_field(_("Referred on"), required=True)
    voluntary = forms.BooleanField(label=_("Follows the pathway voluntarily"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("I checked the possible duplicates: this is another person"), required=False
    )

    fieldsets = (
        *PersonForm.fieldsets,
        (
            _("The referral"),
            ("referring_commune", "referred_on", "voluntary", "note", "confirm_not_duplicate"),
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referring_commune"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Commune.objects.filter(centre=user.centre, valid_until__isnull=True)
        if user.role == Role.COMMUNE:  # a commune refers the people who live in it
            own = Commune.objects.filter(pk=user.commune_id or 0)
            lives = self.fields["commune"]
            assert isinstance(lives, forms.ModelChoiceField)  # noqa: S101 - declared above
            for choice in (field, lives):
                choice.queryset = own
                choice.initial = user.commune_id
            # A commune never resolves a possible duplicate: the centre does (its person page).
            del self.fields["confirm_not_duplicate"]


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why these are the same person"), max_length=300)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, national number or birth date"), max_length=100, required=False
    )
