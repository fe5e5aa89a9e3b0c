"""Where code lives (docs/architecture.md). The import directions are import-linter's contracts
(`make lint`); what an import graph cannot say is checked here on the source."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "parcours"
WRITES = {"save", "create", "delete", "bulk_create", "bulk_update", "update"}
WRITES |= {"get_or_create", "update_or_create"}
INTERFACES = ("staff", "partner", "public", "api")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


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


def interface_modules() -> list[Path]:
    """Every module a request, a task or the admin enters by: they call services."""
    modules = [path for app in INTERFACES for path in python_files(app)]
    modules += [p for p in python_files() if p.name in {"tasks.py", "admin.py", "admin_site.py"}]
    modules += [p for p in python_files() if p.parent.name == "commands"]  # the CLI
    return sorted(set(modules))


def method_calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }


@pytest.mark.parametrize("path", interface_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_interfaces_never_write_to_models_themselves(path: Path) -> None:
    assert not method_calls(path) & WRITES, f"{path.name} writes directly: call a service"


def model_modules() -> list[Path]:
    return [p for p in python_files() if p.name == "models.py" or p.parent.name == "models"]


@pytest.mark.parametrize("path", model_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_models_never_import_services_or_views(path: Path) -> None:
    bad = {
        n for n in imported_modules(path) if n.endswith((".services", ".views")) or ".views." in n
    }
    assert not bad


DOMAINS = ["certificates", "training", "appointments", "pathways", "audit", "people", "territory"]
DOMAINS += ["accounts", "notifications", "casework"]  # core, the kernel, holds the shared fields


@pytest.mark.parametrize("app", DOMAINS)
def test_domain_apps_hold_no_views_urls_forms_or_demo_data(app: str) -> None:
    names = {p.name for p in (PACKAGE / app).iterdir()}
    assert not names & {"views", "views.py", "urls.py", "forms.py", "demo.py"}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and of the lint configuration, for a lint run on a changed tree:
    the working tree itself is never edited."""
    shutil.copytree(PACKAGE, tmp_path / "parcours", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(where: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- our own console script, fixed arguments
        [str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True, text=True, check=False
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout


def test_a_domain_that_imports_an_interface_breaks_the_contracts(tree: Path) -> None:
    (tree / "parcours" / "pathways" / "_probe.py").write_text("from parcours.staff import flow\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "parcours.pathways is not allowed to import parcours.staff" in result.stdout


def test_an_import_cycle_breaks_the_contracts(tree: Path) -> None:
    # Two modules that may import each other's layer, importing each other: a cycle.
    pathways = tree / "parcours" / "pathways"
    (pathways / "_probe.py").write_text("from parcours.pathways import selectors\n")
    with (pathways / "selectors.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom parcours.pathways import _probe\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "parcours.pathways._probe" in result.stdout
    assert "parcours.pathways.selectors" in result.stdout


def test_only_the_owning_services_reach_the_status_writer(tree: Path) -> None:
    (tree / "parcours" / "staff" / "_probe.py").write_text(
        "from parcours.pathways.services.status_core import transition_write\n"
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "The status writer is reached only through its two doors BROKEN" in result.stdout


# The senders the task worker runs; everything else queues (notifications.outbox,
# appointments.services.outbox) and never talks to a mail server in a request.
MAIL_SENDERS = {"notifications/email.py", "appointments/services/messages.py"}


def test_only_the_senders_run_by_the_tasks_use_the_mail_backend() -> None:
    using = {
        str(path.relative_to(PACKAGE))
        for path in python_files()
        if any(name.startswith("django.core.mail") for name in imported_modules(path))
    }
    assert using == MAIL_SENDERS
