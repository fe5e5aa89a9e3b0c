"""The legal clock's deadlines, their explanation and the decree's parameters in words (the
rules name them in code)."""

import re
from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from parcours.core import iso
from parcours.pathways import parameters
from parcours.pathways.enums import WelcomePart
from parcours.pathways.explain import reason_text
from parcours.rules import RulesError
from parcours.rules.formulas.deadlines import CAPPED
from parcours.training.enums import Track

register = template.Library()

_LABELS = {
    "present_by": gettext_lazy("Present at the centre"),
    "agreement_ends_on": gettext_lazy("End of the agreement"),
    "certificate_by": gettext_lazy("Certificate"),
    "citizenship_by": gettext_lazy("Citizenship hours"),
    "french_by": gettext_lazy("French hours or level"),
    "next_evaluation_by": gettext_lazy("Next evaluation interview"),
}
_EVALUATION = re.compile(r"^evaluation_(\d+)_by$")


@register.filter
def deadline_label(name: str) -> str:
    if name in _LABELS:
        return str(_LABELS[name])
    numbered = _EVALUATION.match(name)
    if numbered:
        return _("Evaluation interview %(n)s") % {"n": numbered.group(1)}
    return name


# The decree's parameters in words (the rules name them in code), with their unit.
HOURS, MONTHS, YEARS, COUNTRIES = "hours", "months", "years", "countries"
PARAMETER_LABELS = {
    "citizenship_minimum_hours": (gettext_lazy("Citizenship training, at least"), HOURS),
    "french_minimum_hours": (gettext_lazy("French training, at least"), HOURS),
    "job_orientation_minimum_hours": (gettext_lazy("Job orientation, at least"), HOURS),
    "citizenship_time_limit": (gettext_lazy("Citizenship training completed within"), MONTHS),
    "french_time_limit": (gettext_lazy("French training completed within"), MONTHS),
    "agreement_maximum_length": (gettext_lazy("Agreement lasting at most"), MONTHS),
    "presentation_delay": (gettext_lazy("Presenting at the centre within"), MONTHS),
    "certificate_delay": (gettext_lazy("Certificate obtained within"), MONTHS),
    "certificate_delay_extended_maximum": (
        gettext_lazy("Certificate deadline extended to at most"),
        MONTHS,
    ),
    "evaluation_interval": (gettext_lazy("Evaluation interview at least every"), MONTHS),
    "french_exit_level": (gettext_lazy("French level that ends the French training"), ""),
    "age_minimum": (gettext_lazy("Concerned from the age of"), YEARS),
    "age_maximum": (gettext_lazy("Concerned up to the age of"), YEARS),
    "legal_stay_maximum": (gettext_lazy("Legal stay in Belgium shorter than"), YEARS),
    "permit_minimum_validity": (gettext_lazy("Residence permit valid for more than"), MONTHS),
    "belgian_nationality": (gettext_lazy("Belgian nationality"), COUNTRIES),
    "eea_countries": (gettext_lazy("Citizens of the EU, the EEA and Switzerland"), COUNTRIES),
    "standstill_nationalities": (
        gettext_lazy("Nationalities covered by a standstill clause"),
        COUNTRIES,
    ),
    "scope_language_regions": (gettext_lazy("Language region where the pathway applies"), ""),
    "regime": (gettext_lazy("Version of the rules in force"), ""),
    "waiver_grounds": (gettext_lazy("Grounds for a waiver"), ""),
    "agreement_tracks": (gettext_lazy("Training tracks of an agreement"), ""),
    "agreement_compulsory_tracks": (gettext_lazy("Compulsory training tracks"), ""),
    "welcome_module_parts": (gettext_lazy("Parts of the welcome module"), ""),
}
_START_LABELS = {
    "registered on": gettext_lazy("registered in the commune on %(date)s"),
    "permit ordered on": gettext_lazy("permit ordered on %(date)s"),
    "agreement signed on": gettext_lazy("agreement signed on %(date)s"),
    "evaluation held on": gettext_lazy("evaluation interview held on %(date)s"),
    "evaluation planned on": gettext_lazy("evaluation interview planned on %(date)s"),
}
_KIND_LABELS = {
    "suspension": gettext_lazy("Suspended"),
    "force_majeure": gettext_lazy("Force majeure"),
}
_ISO_DATE = r"(\d{4}-\d{2}-\d{2})"
_BASE = re.compile(rf"^(?P<label>.+) {_ISO_DATE} \+ (?P<parameter>\w+) \((?P<n>\d+) months\)$")
_EXTENSION = re.compile(rf"^extension of (?P<n>\d+) months granted on {_ISO_DATE}: (?P<why>.*)$")
_PERIOD = re.compile(
    rf"^(?P<kind>\w+) {_ISO_DATE} to {_ISO_DATE} \(\+(?P<n>\d+) days\): (?P<why>.*)$", re.S
)
_HELD = re.compile(rf"^held on {_ISO_DATE}$")


def _amount(value: object, unit: str) -> str:
    if unit == HOURS and isinstance(value, int):
        return ngettext("%(n)s hour", "%(n)s hours", value) % {"n": value}
    if unit == MONTHS and isinstance(value, int):
        return ngettext("%(n)s month", "%(n)s months", value) % {"n": value}
    if unit == YEARS and isinstance(value, int):
        return ngettext("%(n)s year", "%(n)s years", value) % {"n": value}
    if isinstance(value, list | tuple):
        codes = [str(code) for code in value]
        return iso.country_names(codes) if unit == COUNTRIES else ", ".join(map(code_name, codes))
    return code_name(str(value))


_CODE_LABELS = {**dict(Track.choices), **dict(WelcomePart.choices)}


def code_name(code: str) -> str:
    """A code of the rules (a track, a part of the welcome module, a waiver ground) in words."""
    if code in _CODE_LABELS:
        return str(_CODE_LABELS[code])
    text = str(reason_text(code, staff=True))
    return code if text == code or not text else text


@register.filter
def track_names(codes: list[str] | None) -> str:
    return ", ".join(str(Track(c).label) if c in Track.values else c for c in codes or [])


def _day(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "d/m/Y")


def _reference(parameter: str, on: str) -> str:
    try:
        return str(parameters.read(parameter, date.fromisoformat(on)).reference.cite())
    except RulesError:
        return ""


def _part(cited: Any, key: str) -> Any:
    return cited.get(key) if isinstance(cited, dict) else getattr(cited, key, None)


@register.filter
def parameter_label(name: str) -> str:
    label = PARAMETER_LABELS.get(name)
    return str(label[0]) if label else name


@register.filter
def parameter_in_words(cited: dict[str, Any]) -> str:
    """`{"parameter", "value", "reference"}` (parcours.pathways.parameters.cited) in words."""
    name = str(_part(cited, "parameter"))
    label, unit = PARAMETER_LABELS.get(name, (name, ""))
    separator = ": " if unit in (COUNTRIES, "") else " "
    text = f"{label}{separator}{_amount(_part(cited, 'value'), unit)}"
    reference = _part(cited, "reference")
    return f"{text} ({reference})" if reference else text


@register.filter
def step_in_words(step: Any) -> str:
    """One step of a deadline's explanation (parcours.rules Step) in words, reference cited."""
    detail = str(getattr(step, "detail", step))
    if found := _BASE.match(detail):
        start = _START_LABELS.get(found["label"])
        since = start % {"date": _day(found[2])} if start else f"{found['label']} {_day(found[2])}"
        months = int(found["n"])
        rule = parameter_in_words(
            {
                "parameter": found["parameter"],
                "value": months,
                "reference": _reference(found["parameter"], found[2]),
            }
        )
        return _("%(start)s + %(amount)s — %(rule)s") % {
            "start": since,
            "amount": _amount(months, MONTHS),
            "rule": rule,
        }
    if found := _EXTENSION.match(detail):
        return _("extended by %(months)s on %(date)s: %(reason)s") % {
            "months": _amount(int(found["n"]), MONTHS),
            "date": _day(found[2]),
            "reason": found["why"],
        }
    if found := _PERIOD.match(detail):
        kind = _KIND_LABELS.get(found["kind"], found["kind"])
        days = int(found["n"])
        return _("%(kind)s from %(start)s to %(end)s (%(days)s): %(reason)s") % {
            "kind": kind,
            "start": _day(found[2]),
            "end": _day(found[3]),
            "days": ngettext("+%(n)s day", "+%(n)s days", days) % {"n": days},
            "reason": found["why"],
        }
    if found := _HELD.match(detail):
        return _("held on %(date)s") % {"date": _day(found[1])}
    if detail == CAPPED:
        return _("no later than the certificate deadline")
    return detail


_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@register.filter
def local_dates(text: str) -> str:
    """A recorded sentence (a timeline event, written once) with its ISO dates as dd/mm/yyyy."""
    return _ISO_IN_TEXT.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", str(text))
