"""The sortable column headers and export links of lists (parcours.core.lists), staff and
partner alike."""

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString

from parcours.core.lists import Sorting

register = template.Library()


def _with(query: QueryDict, **values: str) -> str:
    changed = query.copy()
    changed.pop("page", None)
    for name, value in values.items():
        changed[name] = value
    return changed.urlencode()


@register.simple_tag
def sort_header(query: QueryDict, order: Sorting, key: str, label: str) -> SafeString:
    """A column header that sorts the list by its column (again: the other way)."""
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(order.state(key), "")
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}">{}{}</a></th>',
        order.state(key),
        _with(query, sort=order.param(key)),
        label,
        arrow,
    )


@register.simple_tag
def export_query(query: QueryDict, file_format: str, **narrowed: str) -> str:
    """The list's URL as a file; `narrowed`: a filter of one part of the page (a status)."""
    return _with(query, export=file_format, **narrowed)
