"""Exceptions raised by the rules. None of them is ever swallowed: a rule that cannot
decide says so (STYLE.md: nothing defaults silently)."""

from __future__ import annotations

from datetime import date


class RulesError(Exception):
    """Base class of every error raised by `parcours.rules`."""


class ParameterFileError(RulesError):
    """A parameter or case file is malformed; the message names the file and the fault."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.detail = message


class UnknownParameter(RulesError):  # noqa: N818 - names read as sentences in tracebacks
    def __init__(self, name: str) -> None:
        super().__init__(f"no parameter named {name!r}")
        self.name = name


class ParameterNotInForce(RulesError):  # noqa: N818 - same
    """Read before the first value, or after a `null` repeal."""

    def __init__(self, name: str, on: date) -> None:
        super().__init__(f"parameter {name!r} has no value in force on {on.isoformat()}")
        self.name = name
        self.on = on


class RuleNotInForce(RulesError):  # noqa: N818 - same
    """No version of the rule applies on that date (before the first regime)."""

    def __init__(self, rule: str, on: date) -> None:
        super().__init__(f"rule {rule!r} is not in force on {on.isoformat()}")
        self.rule = rule
        self.on = on


class RulesInputError(RulesError):
    """A situation given to a formula is inconsistent (e.g. an end before its start)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ExtensionLimitExceeded(RulesError):  # noqa: N818 - same
    """Extensions would push the certificate deadline past the legal maximum
    (exceptionally up to 36 months under the order of 2016 [P])."""

    def __init__(self, requested: date, limit: date) -> None:
        super().__init__(
            f"extensions move the certificate deadline to {requested.isoformat()}, "
            f"past the maximum {limit.isoformat()}"
        )
        self.requested = requested
        self.limit = limit


class InputError(RulesError):
    """Invalid contract input; `field` is a dotted path such as `permit.valid_from`,
    `nationalities[1]` or, inside an array, `[3].birth_date`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def prefixed(self, prefix: str) -> InputError:
        joined = prefix if self.field == "$" else f"{prefix}.{self.field}"
        return InputError(joined.replace(".[", "["), self.message)

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {"error": {"field": self.field, "message": self.message}}
