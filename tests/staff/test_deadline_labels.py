import pytest
from django.utils import translation

from parcours.staff.templatetags.deadlines import deadline_label


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("present_by", "Present at the centre"),
        ("certificate_by", "Certificate"),
        ("evaluation_2_by", "Evaluation interview 2"),
        ("something_new_by", "something_new_by"),
    ],
)
def test_each_deadline_of_the_clock_has_a_name_in_words(name: str, english: str) -> None:
    with translation.override("en"):
        assert deadline_label(name) == english
