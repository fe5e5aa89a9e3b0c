"""The layer rules of STYLE.md, checked on the source."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "parcours"
WRITES = {"save", "create", "delete", "bulk_create", "update", "get_or_create", "update_or_create"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


@pytest.mark.parametrize("path", python_files("rules"), ids=lambda p: p.name)
def test_the_rules_import_neither_django_nor_another_app(path: Path) -> None:
    forbidden = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "django"
        or (name.startswith("parcours.") and not name.startswith("parcours.rules"))
    }
    assert not forbidden


def view_modules() -> list[Path]:
    views = [*python_files("backoffice", "views"), *python_files("public", "views")]
    return [*views, *python_files("api", "routers")]


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_views_and_api_never_write_to_models_themselves(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & WRITES, f"{path.name} writes directly: call a service"


def model_modules() -> list[Path]:
    return [p for p in python_files() if p.name == "models.py" or p.parent.name == "models"]


@pytest.mark.parametrize("path", model_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_models_never_import_services_or_views(path: Path) -> None:
    bad = {
        n for n in imported_modules(path) if n.endswith((".services", ".views")) or ".views." in n
    }
    assert not bad
