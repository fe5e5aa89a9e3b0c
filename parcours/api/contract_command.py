"""What the contract commands (`parcours eligibility`, `parcours clock`) share: JSON in from a
file or stdin, JSON out, exit status 2 with `{"error": {"field", "message"}}` on bad input."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from parcours.rules.contract import parse_json
from parcours.rules.errors import InputError

INVALID_INPUT = 2


class ContractCommand(BaseCommand):
    def answer(self, payload: object) -> object:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="JSON file, or - for stdin")
        parser.add_argument("--language", default="fr", help="language of the messages")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(options["language"])
        try:
            result = self.answer(parse_json(self._read(options["file"])))
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
