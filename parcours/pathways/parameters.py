"""Reading the decree's parameters on a date (parcours.rules): never a literal in the code."""

from datetime import date

from parcours.rules import TraceEntry, default_parameters


def read(name: str, on: date) -> TraceEntry:
    return default_parameters().read(name, on)


def codes(name: str, on: date) -> tuple[str, ...]:
    value = read(name, on).value
    return value if isinstance(value, tuple) else ()


def number(name: str, on: date) -> int:
    return read(name, on).as_int()


def cited(entry: TraceEntry) -> dict[str, object]:
    return {"parameter": entry.parameter, "value": entry.value, "reference": entry.reference.cite()}
