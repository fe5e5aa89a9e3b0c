"""`parcours eligibility [FILE|-]`: obligation decisions for JSON input, as JSON on stdout.

Exit status 0 with the decisions; 2 with `{"error": {"field", "message"}}` on stdout when
the input is invalid (the field names where: `permit.valid_from`, `[3].birth_date`).
"""

from parcours.api.contract_command import ContractCommand
from parcours.territory.eligibility import eligibility_evaluate


class Command(ContractCommand):
    help = "Decide whether the integration pathway is compulsory, for JSON input."

    def answer(self, payload: object) -> object:
        return eligibility_evaluate(payload)
