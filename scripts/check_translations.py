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
STAFF_LANGUAGES = ("fr", "en")
COMPLETE = ("fr",)  # French is the default language: every message must be translated.
IGNORE = [".venv", "var", "tests", "bench", "scripts", "docs", "node_modules", "build"]
_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)

# The portal's own catalogue: the messages of what a newcomer sees (public pages, the base
# template, public e-mails, SMS and calendar files, the errors and reasons shown there), in
# every language of the portal, all complete. Staff strings stay in parcours/locale only.
PORTAL_LOCALE = Path("parcours") / "public" / "locale"
PORTAL_LANGUAGES = ("fr", "nl", "de", "en", "ar", "fa", "ps", "uk", "es", "tr")
PUBLIC_SOURCES = (
    "parcours/public",
    "parcours/templates/public",
    "parcours/templates/base.html",
    "parcours/templates/includes",
    "parcours/templates/errors",
    "parcours/templates/appointments/messages",
    "parcours/appointments/ics.py",
    "parcours/appointments/services/online.py",
    "parcours/appointments/services/online_sessions.py",
    "parcours/territory/selectors.py",
    "parcours/rules/reasons.py",
    "parcours/core/middleware.py",
    "parcours/core/iso.py",
    "parcours/templates/people/messages",
    "parcours/people/space.py",
    "parcours/casework/space.py",
    "parcours/casework/subject_access.py",
    "parcours/templates/documents/subject_access.html",
    # The letters and PDFs given to a person, and the labels they print (French first, then
    # the person's letter language). The sanction file goes to the Region: French only.
    "parcours/templates/documents/_header.html",
    "parcours/templates/documents/_letter_sign.html",
    "parcours/templates/documents/_letter_top.html",
    "parcours/templates/documents/_letterhead.html",
    "parcours/templates/documents/agreement.html",
    "parcours/templates/documents/certificate.html",
    "parcours/templates/documents/compliance_letter.html",
    "parcours/templates/documents/convocation.html",
    "parcours/templates/documents/decision_letter.html",
    "parcours/templates/documents/_free.html",
    "parcours/templates/documents/_signatory.html",
    "parcours/templates/documents/evaluation_report.html",
    "parcours/templates/documents/invitation.html",
    "parcours/casework/letter_labels.py",
)
# Who reviewed each portal catalogue (a header of the catalogue, shown on /languages/):
# "source" for the languages the texts are written in; the others say so once a fluent
# reader has checked them (a name and a date), and are empty until then.
REVIEW_HEADER = "X-Reviewed-By"
SOURCE_LANGUAGES = ("fr", "en")
SOURCE_SUFFIXES = (".py", ".html", ".txt")

_MAKEMESSAGES = """
import sys
import django
from django.core.management import call_command
from django.test.utils import override_settings
django.setup()
locale_dir, languages, ignore = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
with override_settings(LOCALE_PATHS=[locale_dir]):
    call_command("makemessages", locale=languages, ignore_patterns=ignore, no_location=True,
                 no_obsolete=True, keep_pot=True, verbosity=0)
"""


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(root)}


def _run_django(root: Path, *args: str) -> None:
    subprocess.run(  # noqa: S603 -- our own interpreter, fixed arguments
        [sys.executable, "-m", "parcours", *args], cwd=root, env=_env(root), check=True
    )


def _makemessages(root: Path, cwd: Path, locale_dir: Path, languages: tuple[str, ...]) -> None:
    """makemessages over the files under `cwd`, into `locale_dir` only (the settings name two
    locale directories, and makemessages would split the messages by path between them)."""
    locale_dir.mkdir(parents=True, exist_ok=True)
    arguments = [str(locale_dir), ",".join(languages), ",".join([*IGNORE, "locale"])]
    subprocess.run(  # noqa: S603 -- our own interpreter, fixed arguments
        [sys.executable, "-c", _MAKEMESSAGES, *arguments], cwd=cwd, env=_env(root), check=True
    )


def _gettext(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)  # noqa: S603 -- GNU gettext, fixed


def _set_header(po: Path, name: str, value: str) -> None:
    text = po.read_text("utf-8")
    line = f'"{name}: {value}\\n"\n'
    pattern = re.compile(rf'^"{re.escape(name)}: .*\\n"\n', re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _match: line, text, count=1)
    else:
        text = text.replace(
            '"Content-Transfer-Encoding: 8bit\\n"\n',
            f'"Content-Transfer-Encoding: 8bit\\n"\n{line}',
            1,
        )
    po.write_text(text, "utf-8")


def _public_copy(root: Path, destination: Path) -> None:
    for source in PUBLIC_SOURCES:
        path = root / source
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in files:
            if file.is_file() and file.suffix in SOURCE_SUFFIXES and "locale" not in file.parts:
                target = destination / file.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)


def _regenerate_portal(root: Path) -> None:
    """The portal catalogue: the public sources' messages in every portal language. French and
    English are taken from the staff catalogues (one French text to maintain); the others keep
    the translations they have."""
    portal = root / PORTAL_LOCALE
    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch)
        _public_copy(root, sources)
        _makemessages(root, sources, portal, PORTAL_LANGUAGES)
    pot = portal / "django.pot"
    for lang in SOURCE_LANGUAGES:
        po = portal / lang / "LC_MESSAGES" / "django.po"
        staff = root / LOCALE / lang / "LC_MESSAGES" / "django.po"
        _gettext(
            "msgmerge",
            "--quiet",
            "--no-fuzzy-matching",
            "--no-location",
            "--output-file",
            str(po),
            str(staff),
            str(pot),
        )
        if lang == "en":  # the message ids are the English text
            _gettext("msgen", "--no-location", "--output-file", str(po), str(po))
        _set_header(po, REVIEW_HEADER, "source")
    for lang in PORTAL_LANGUAGES:
        po = portal / lang / "LC_MESSAGES" / "django.po"
        if REVIEW_HEADER not in po.read_text("utf-8"):
            _set_header(po, REVIEW_HEADER, "")
        _gettext("msgattrib", "--no-obsolete", "--no-location", "--output-file", str(po), str(po))
    pot.unlink()


def _regenerate(root: Path) -> None:
    _makemessages(root, root, root / LOCALE, STAFF_LANGUAGES)
    (root / LOCALE / "django.pot").unlink(missing_ok=True)
    _regenerate_portal(root)
    ignored = [arg for pattern in IGNORE for arg in ("-i", pattern)]
    languages = [arg for lang in PORTAL_LANGUAGES for arg in ("-l", lang)]
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
    catalogues = [(lang, root / LOCALE / lang / "LC_MESSAGES" / "django.po") for lang in COMPLETE]
    catalogues += [
        (f"{lang} (portal)", root / PORTAL_LOCALE / lang / "LC_MESSAGES" / "django.po")
        for lang in PORTAL_LANGUAGES
    ]
    problems = []
    for name, po in catalogues:
        if not po.exists():
            problems.append(f"{name}: no catalogue {po.relative_to(root)}")
        elif _msgattrib(po, "--untranslated") or _msgattrib(po, "--only-fuzzy"):
            problems.append(f"{name}: untranslated or fuzzy messages in {po.relative_to(root)}")
    return problems


def _catalogues(root: Path) -> dict[Path, bytes]:
    found = {}
    for base in (LOCALE, PORTAL_LOCALE):
        for path in (root / base).rglob("django.[pm]o"):
            found[path.relative_to(root)] = path.read_bytes()
    return found


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
            f"{path} is out of date: run `make messages`"
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
