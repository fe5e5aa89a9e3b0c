"""Left-to-right runs inside a right-to-left text: `{{ centre.phone|ltr }}`.

Phone numbers, links, references and "400 h" are read left to right in every language; in
an Arabic, Persian or Pashto part the bidirectional algorithm would otherwise reorder their
groups ("065 61 18 53" printed "53 18 61 065", "https://…/abc/" printed "/https://…/abc").
WeasyPrint honours `dir` on an inline element (not `<bdi>`), so the run is a span."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def ltr(value: object) -> SafeString | str:
    if value is None or value == "":
        return ""
    return format_html('<span dir="ltr">{}</span>', value)
