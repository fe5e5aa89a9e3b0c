"""`parcours clock [FILE|-]`: the legal clock of one file (or an array of files), as JSON.

Exit status 0 with the answers; 2 with `{"error": {"field", "message"}}` on stdout when the
input is invalid (the field names where: `agreement.signed_on`, `[3].hours[0].on`). The
contract is in docs/clock-contract.md; the rules are those of `parcours.rules`.
"""

from django.utils.translation import gettext

from parcours.api.contract_command import ContractCommand
from parcours.rules.clock_contract import clock_payload


class Command(ContractCommand):
    help = "The legal clock of a file: each deadline, complete, sanctionable, for JSON input."

    def answer(self, payload: object) -> object:
        return clock_payload(payload, translate=gettext)
