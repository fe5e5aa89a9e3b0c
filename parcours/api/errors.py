"""The error bodies every operation can answer, documented once, so that the OpenAPI
document must name each status an operation can give, with the body it really has.

- **400**: the text sent holds a control character (`core.middleware.TextInputMiddleware`,
  before any view), or a `DomainError` (the service's message);
- **401**: the operation needs a token, and none valid was sent (`api.auth`);
- **422**: the request does not follow the operation's schema (django-ninja's validation)."""

from typing import Any

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str
    code: str = Field("", description="A code to act on, when there is one: probable_match")
    fields: list[str] = Field(
        default_factory=list, description="The body's fields the refusal is about, if any"
    )


class ValidationIssueOut(Schema):
    type: str
    loc: list[str | int] = Field(description="Where: body, query, path or header, then the field")
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssueOut]


def responses(
    answers: dict[int, Any], *, token: bool = False, validated: bool = True
) -> dict[int, Any]:
    """`answers` and the errors every operation can give besides: 400, 401 with a `token`, 422
    when django-ninja validates its parameters (`validated`; an operation that reads its own
    body documents its own 422)."""
    documented: dict[int, Any] = {400: ErrorOut}
    if token:
        documented[401] = ErrorOut
    if validated:
        documented[422] = ValidationErrorOut
    for status, schema in answers.items():
        known = documented.get(status)
        documented[status] = schema if known is None or known is schema else known | schema
    return documented
