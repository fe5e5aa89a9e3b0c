"""Translations are current: the catalogues match the code, French is complete, .mo compiled.

`--write` regenerates the catalogues and compiles them; without it, the check leaves the
tree as it was and exits 1 when something is out of date. Needs GNU gettext.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "parcours" / "locale"
LANGUAGES = ("fr", "en")
COMPLETE = ("fr",)  # French is the default language: every message must be translated.
IGNORE = [".venv", "var", "tests", "bench", "scripts", "docs", "node_modules", "build"]
_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def _regenerate() -> None:
    os.chdir(ROOT)
    call_command(
        "makemessages",
        locale=list(LANGUAGES),
        ignore_patterns=IGNORE,
        no_location=True,
        no_obsolete=True,
        verbosity=0,
    )
    call_command("compilemessages", locale=list(LANGUAGES), ignore_patterns=IGNORE, verbosity=0)


def _untranslated(language: str) -> str:
    result = subprocess.run(  # noqa: S603 -- fixed arguments, no user input
        ["msgattrib", "--untranslated", "--only-fuzzy", "--no-obsolete", str(_po(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    missing = subprocess.run(  # noqa: S603
        ["msgattrib", "--untranslated", "--no-obsolete", str(_po(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout + missing.stdout


def _snapshot() -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in LOCALE.rglob("django.[pm]o")}


def _strip_date(data: bytes) -> str:
    return _DATE.sub("", data.decode("utf-8"))


def _changed(path: Path, before: bytes, after: bytes) -> bool:
    if path.suffix == ".po":
        return _strip_date(before) != _strip_date(after)
    return before != after


def check() -> list[str]:
    before = _snapshot()
    backup = Path(tempfile.mkdtemp())
    shutil.copytree(LOCALE, backup / "locale")
    try:
        _regenerate()
        after = _snapshot()
        problems = [
            f"{path.relative_to(ROOT)} is out of date: run `make messages`"
            for path in sorted(set(before) | set(after))
            if (
                path.suffix == ".po"
                and _strip_date(before.get(path, b"")) != _strip_date(after[path])
            )
            or (path.suffix == ".mo" and before.get(path) != after.get(path))
        ]
        problems += [
            f"{lang}: untranslated or fuzzy messages" for lang in COMPLETE if _untranslated(lang)
        ]
        return problems
    finally:
        shutil.rmtree(LOCALE)
        shutil.copytree(backup / "locale", LOCALE)
        shutil.rmtree(backup)


def main() -> int:
    django.setup()
    if "--write" in sys.argv:
        _regenerate()
        missing = [lang for lang in COMPLETE if _untranslated(lang)]
        print(
            "Catalogues written." + (f" Untranslated in: {', '.join(missing)}" if missing else "")
        )
        return 0
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
