"""The OpenAPI document says what the API does, for integrators and schemathesis: one
component per schema name,
every status an operation can give, and the served document is the one the schemathesis proof
(tests/api/test_schemathesis.py) reads. Each test here failed before its fix."""

import importlib
import json
import pkgutil
from typing import Any

import pytest
from django.test import Client
from ninja import Schema

import parcours.api.routers
from parcours.api import errors
from parcours.api.urls import api

DOCUMENT = "/api/v1/openapi.json"


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    return loaded


def _operations() -> list[tuple[str, dict[str, Any]]]:
    paths = _document()["paths"]
    return [(f"{m.upper()} {p}", op) for p, ops in paths.items() for m, op in ops.items()]


def test_no_two_api_schemas_share_a_name_so_none_hides_another_in_the_document() -> None:
    """The eligibility's deadlines were documented with the clock's six (both `DeadlinesOut`),
    and four `ErrorOut` shared one component."""
    classes: dict[str, set[type]] = {}
    modules = [errors] + [
        importlib.import_module(f"parcours.api.routers.{m.name}")
        for m in pkgutil.iter_modules(parcours.api.routers.__path__)
    ]
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Schema) and value is not Schema:
                classes.setdefault(value.__name__, set()).add(value)
    assert {name: found for name, found in classes.items() if len(found) > 1} == {}
    deadlines = _document()["components"]["schemas"]["DeadlinesOut"]
    assert set(deadlines["properties"]) == {"present_by", "certificate_by"}


@pytest.mark.parametrize(("label", "operation"), _operations(), ids=[o[0] for o in _operations()])
def test_every_operation_documents_the_400_the_401_of_a_token_and_the_422(
    label: str, operation: dict[str, Any]
) -> None:
    """400: a control character (core.middleware) on every operation; 401 where a token is
    needed; 422 where the request is validated. The clock's 400 and the partner API's 401
    were undocumented."""
    answers = operation["responses"]
    assert "400" in answers and "422" in answers, label
    assert ("401" in answers) == bool(operation.get("security")), label


def test_an_empty_batch_of_hours_is_documented_with_the_body_it_gets() -> None:
    """`Send at least one cell.` has no `errors`: the 400 of the batch is either body."""
    answer = _document()["paths"]["/api/v1/partner/attendance"]["post"]["responses"]["400"]
    schema = answer["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/ErrorOut"} in schema["anyOf"]
    assert {"$ref": "#/components/schemas/BatchErrors"} in schema["anyOf"]


def test_the_served_document_is_the_one_the_proof_reads(client: Client) -> None:
    assert client.get(DOCUMENT).json() == _document()
