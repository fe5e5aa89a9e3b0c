"""`parcours clock [FILE|-]`: the legal clock of one file (or an array of files), as JSON.

Exit status 0 with the answers; 2 with `{"error": {"field", "message"}}` on stdout when the
input is invalid (the field names where: `agreement.signed_on`, `[3].hours[0].on`). The
contract is in docs/clock-contract.md; the rules are those of `parcours.rules`.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from parcours.rules.clock_contract import clock_payload
from parcours.rules.contract import parse_json
from parcours.rules.errors import InputError

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "The legal clock of a file: each deadline, complete, sanctionable, for JSON input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="JSON file, or - for stdin")
        parser.add_argument("--language", default="fr", help="language of the messages")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(options["language"])
        try:
            result = clock_payload(parse_json(self._read(options["file"])), translate=gettext)
        except InputError as error:
            self._write(error.to_dict())
            sys.exit(INVALID_INPUT)
        self._write(result)

    def _read(self, name: str) -> str:
        if name == "-":
            return sys.stdin.read()
        try:
            with open(name, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as error:
            self._write(InputError("$", f"cannot read {name}: {error}").to_dict())
            sys.exit(INVALID_INPUT)

    def _write(self, data: object) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
