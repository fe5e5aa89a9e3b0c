from django import template
from django.conf.locale import LANG_INFO

from parcours.territory.enums import Weekday
from parcours.territory.models import Office

register = template.Library()


@register.simple_tag
def weekly_hours(office: Office) -> list[tuple[str, str]]:
    """[("Monday", "09:00–12:00, 13:00–16:00"), …] for the days the office opens."""
    days: dict[int, list[str]] = {}
    for slot in office.opening_hours.all():
        days.setdefault(slot.weekday, []).append(f"{slot.opens_at:%H:%M}–{slot.closes_at:%H:%M}")
    return [(str(Weekday(day).label), ", ".join(slots)) for day, slots in sorted(days.items())]


@register.simple_tag
def desk_languages(office: Office) -> str:
    """Languages spoken at the desk, each in its own name; an unknown code is shown as is."""
    names = [str(LANG_INFO.get(code, {}).get("name_local", code)) for code in office.language_codes]
    return ", ".join(names)
