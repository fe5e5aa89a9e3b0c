"""`refused(message_id)`: `pytest.raises` for a domain error that says this message.

Tests name the English message id; the match is built in the language active when the error
is raised (French unless the test chose another), placeholders matching any text.
"""

import re
from typing import TypeVar, overload

import pytest
from _pytest.raises import RaisesExc
from django.utils.translation import gettext, ngettext

from parcours.core.errors import DomainError

E = TypeVar("E", bound=DomainError)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def message_pattern(message_id: str, plural: str = "", n: int = 1) -> str:
    text = ngettext(message_id, plural, n) if plural else gettext(message_id)
    return ".+".join(re.escape(part) for part in PLACEHOLDER.split(text))


@overload
def refused(message_id: str, *, plural: str = "", n: int = 1) -> RaisesExc[DomainError]: ...


@overload
def refused(message_id: str, error: type[E], *, plural: str = "", n: int = 1) -> RaisesExc[E]: ...


def refused(
    message_id: str, error: type[DomainError] = DomainError, *, plural: str = "", n: int = 1
) -> RaisesExc[DomainError]:
    return pytest.raises(error, match=message_pattern(message_id, plural, n))
