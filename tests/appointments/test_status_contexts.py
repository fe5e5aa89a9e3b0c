"""Statuses shared in English ("Attended", "Confirmed", "Cancelled", "Done") are translated
apart in French (gender, meaning): each family of statuses has its own message context."""

import pytest
from django.template import Context, Template
from django.utils import translation

from parcours.appointments.enums import AppointmentStatus, InterpreterStatus, SeatStatus


@pytest.fixture
def contexts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def pgettext(context: str, message: str) -> str:
        seen.append((context, message))
        return f"{context}|{message}"

    monkeypatch.setattr(translation._trans, "pgettext", pgettext)  # type: ignore[attr-defined]
    return seen


@pytest.mark.parametrize(
    ("status", "context"),
    [
        (AppointmentStatus.ATTENDED, "appointment status"),
        (AppointmentStatus.CONFIRMED, "appointment status"),
        (SeatStatus.ATTENDED, "seat status"),
        (SeatStatus.CANCELLED, "seat status"),
        (InterpreterStatus.CONFIRMED, "interpreter request status"),
        (InterpreterStatus.DONE, "interpreter request status"),
        (InterpreterStatus.CANCELLED, "interpreter request status"),
    ],
)
def test_each_status_label_is_translated_in_its_own_context(
    contexts: list[tuple[str, str]],
    status: AppointmentStatus | SeatStatus | InterpreterStatus,
    context: str,
) -> None:
    label = str(status.label)
    assert label.startswith(f"{context}|")


def test_every_status_of_the_three_families_has_a_context(contexts: list[tuple[str, str]]) -> None:
    for family in (AppointmentStatus, SeatStatus, InterpreterStatus):
        assert all("|" in str(label) for label in family.labels)


def test_the_office_closed_label_has_its_own_context(contexts: list[tuple[str, str]]) -> None:
    for name in ("staff/appointments/_week_table.html", "staff/appointments/office_day.html"):
        with open(f"parcours/templates/{name}", encoding="utf-8") as source:
            text = source.read()
        assert '{% translate "Closed" context "office closed" %}' in text
    rendered = Template('{% load i18n %}{% translate "Closed" context "office closed" %}').render(
        Context()
    )
    assert rendered == "office closed|Closed"
