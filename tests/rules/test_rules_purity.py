"""Layer rules for `parcours/rules`: no Django, no other app, no clock, no rule literal."""

from __future__ import annotations

import ast
from pathlib import Path

import parcours.rules

RULES_DIR = Path(parcours.rules.__file__).parent
SOURCES = sorted(RULES_DIR.rglob("*.py"))


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_rules_import_neither_django_nor_another_app() -> None:
    for path in SOURCES:
        for module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            assert not module.startswith("django"), path
            assert not module.startswith("parcours.") or module.startswith("parcours.rules"), path


def test_the_rules_never_read_the_clock() -> None:
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        assert not calls & {"today", "now", "utcnow", "time"}, path


def test_the_formulas_hold_no_rule_value_as_a_literal() -> None:
    for path in sorted((RULES_DIR / "formulas").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        numbers = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        }
        assert numbers <= {0, 1}, (path, numbers)
