"""French writes the days of the week in lower case mid-sentence. Our catalogue translates
"Monday"… for the offers' weekdays, and Django's date formats read the same messages: a
capital there printed "le Mercredi 2 décembre" on every staff date."""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format


def test_a_date_with_its_weekday_reads_in_lower_case_in_french() -> None:
    with translation.override("fr"):
        assert date_format(date(2026, 12, 2), "l j F Y") == "mercredi 2 décembre 2026"
        assert date_format(date(2026, 12, 6), "l j F") == "dimanche 6 décembre"
