"""Translations are current: the catalogues match the code, French is complete, .mo compiled.

Without arguments it regenerates the catalogues in a temporary copy of the code and compares
them with the tree, which it never touches; exit 1 when something is out of date.
`--write` regenerates and compiles the catalogues in place. Needs GNU gettext.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = Path("parcours") / "locale"
LANGUAGES = ("fr", "en")
COMPLETE = ("fr",)  # French is the default language: every message must be translated.
IGNORE = [".venv", "var", "tests", "bench", "scripts", "docs", "node_modules", "build"]
_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def _run_django(root: Path, *args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(root)}
    subprocess.run(  # noqa: S603 -- our own interpreter, fixed arguments
        [sys.executable, "-m", "parcours", *args], cwd=root, env=env, check=True
    )


def _regenerate(root: Path) -> None:
    languages = [arg for lang in LANGUAGES for arg in ("-l", lang)]
    ignored = [arg for pattern in IGNORE for arg in ("-i", pattern)]
    _run_django(root, "makemessages", *languages, *ignored, "--no-location", "--no-obsolete", "-v0")
    _run_django(root, "compilemessages", *languages, *ignored, "-v0")


def _msgattrib(po: Path, flag: str) -> str:
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        ["msgattrib", flag, "--no-obsolete", str(po)],  # noqa: S607 -- GNU gettext on PATH
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _incomplete(root: Path) -> list[str]:
    problems = []
    for lang in COMPLETE:
        po = root / LOCALE / lang / "LC_MESSAGES" / "django.po"
        if _msgattrib(po, "--untranslated") or _msgattrib(po, "--only-fuzzy"):
            problems.append(f"{lang}: untranslated or fuzzy messages")
    return problems


def _catalogues(root: Path) -> dict[Path, bytes]:
    base = root / LOCALE
    return {path.relative_to(base): path.read_bytes() for path in base.rglob("django.[pm]o")}


def _same(path: Path, ours: bytes, fresh: bytes) -> bool:
    if path.suffix == ".po":
        return _DATE.sub("", ours.decode("utf-8")) == _DATE.sub("", fresh.decode("utf-8"))
    return ours == fresh


def _copy(destination: Path) -> None:
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("parcours", "config"):
        shutil.copytree(ROOT / name, destination / name, ignore=skip)


def check() -> list[str]:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        _copy(copy)
        _regenerate(copy)
        ours, fresh = _catalogues(ROOT), _catalogues(copy)
        stale = [
            f"{LOCALE / path} is out of date: run `make messages`"
            for path in sorted(set(ours) | set(fresh))
            if not _same(path, ours.get(path, b""), fresh.get(path, b""))
        ]
    return stale + _incomplete(ROOT)


def main() -> int:
    if "--write" in sys.argv:
        _regenerate(ROOT)
        missing = _incomplete(ROOT)
        print("Catalogues written." + (f" {'; '.join(missing)}" if missing else ""))
        return 0
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
