"""Form fields every interface shares: dates typed as a person would, within a plausible range."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parcours.core.dates import parse_date

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


# Casework dates lie within a person's life and a few years of planning: anything else is
# a typing mistake, and would overflow the date arithmetic of the deadlines.
EARLIEST = date(1900, 1, 1)
YEARS_AHEAD = 5


class CaseworkDateField(forms.DateField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        today = timezone.localdate()
        latest = today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))
        if not EARLIEST <= value <= latest:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s.")
                % {
                    "first": date_format(EARLIEST, "SHORT_DATE_FORMAT"),
                    "last": date_format(latest, "SHORT_DATE_FORMAT"),
                },
                code="out_of_range",
            )


def date_field(label: str | Any, *, required: bool = False) -> forms.DateField:
    return CaseworkDateField(
        label=label, required=required, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )


class GroupedForm(forms.Form):
    """A form shown in sections: `fieldsets` names each section's legend and fields, in order
    (includes/form_fields.html draws one fieldset each; the fields not named come last)."""

    fieldsets: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def grouped_fields(self) -> list[tuple[Any, list[forms.BoundField]]]:
        named = {name for _legend, names in self.fieldsets for name in names}
        groups = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]
        rest = [field for field in self.visible_fields() if field.name not in named]
        return [*groups, ("", rest)] if rest else groups


class DateListField(forms.CharField):
    """Dates separated by commas, semicolons or spaces, dd/mm/yyyy or yyyy-mm-dd."""

    def to_python(self, value: Any) -> list[date]:  # type: ignore[override]
        text = super().to_python(value) or ""
        found = []
        for item in text.replace(";", ",").replace(" ", ",").split(","):
            if not item.strip():
                continue
            day = parse_date(item)
            if day is None:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date (dd/mm/yyyy)."), params={"value": item}
                )
            found.append(day)
        return found
