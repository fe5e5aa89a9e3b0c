"""The labels a newcomer reads on the public pages that come from the domains: the status and
the kind of an appointment (manage page, personal space) and the names of the languages a
collective session is given or interpreted in.

The statuses are defined in `parcours.appointments.enums.AppointmentStatus`, whose module
holds many staff-only labels; this module only names them once more so that the portal
catalogue (`scripts/check_translations.py`, PUBLIC_SOURCES) extracts them and the pages show
them in the page's language. `tests/public/test_public_labels.py` checks that it still lists
every status."""

from django.utils.translation import gettext, gettext_lazy, gettext_noop, pgettext_lazy

APPOINTMENT_STATUS_LABELS = (
    pgettext_lazy("appointment status", "Planned"),
    pgettext_lazy("appointment status", "Confirmed"),
    pgettext_lazy("appointment status", "Attended"),
    pgettext_lazy("appointment status", "Did not come"),
    pgettext_lazy("appointment status", "Cancelled by the person"),
    pgettext_lazy("appointment status", "Cancelled by the centre"),
    pgettext_lazy("appointment status", "Rescheduled"),
)

# The kinds of appointment (`parcours.appointments.enums.KindCode`), shown in the personal space.
APPOINTMENT_KIND_LABELS = (
    gettext_lazy("First welcome appointment"),
    gettext_lazy("Social assessment (bilan social)"),
    gettext_lazy("Rights and duties (individual)"),
    gettext_lazy("French level test"),
    gettext_lazy("Administrative help"),
    gettext_lazy("Evaluation interview"),
    gettext_lazy("Other"),
)

# The languages of the portal, named in the page's language (English message ids).
LANGUAGE_NAMES = {
    "fr": gettext_noop("French"),
    "nl": gettext_noop("Dutch"),
    "de": gettext_noop("German"),
    "en": gettext_noop("English"),
    "ar": gettext_noop("Arabic"),
    "fa": gettext_noop("Persian"),
    "ps": gettext_noop("Pashto"),
    "uk": gettext_noop("Ukrainian"),
    "es": gettext_noop("Spanish"),
    "tr": gettext_noop("Turkish"),
}


def language_label(code: str) -> str | None:
    """The name of a portal language in the active language, None for another code."""
    name = LANGUAGE_NAMES.get(code)
    return gettext(name) if name else None
