"""Names of the legal clock's deadlines in words (the rules name them in code)."""

import re

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
