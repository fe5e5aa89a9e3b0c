"""The eligibility contract (parcours.rules.contract) on the territory stored in the database.

The CLI `parcours eligibility`, `POST /api/v1/eligibility` and the public self-check all call
`eligibility_evaluate`; the decree itself lives in parcours.rules. The contract refuses a NIS
code outside its period, naming the code valid on the reference date.
"""

from django.utils.translation import gettext

from parcours.rules.contract import evaluate_payload
from parcours.rules.territory import MappingTerritory
from parcours.territory.selectors import rules_territory


def territory_for_rules() -> MappingTerritory:
    """Every Walloon code with its period and dated centres, in two queries."""
    return rules_territory()


def eligibility_evaluate(payload: object, *, territory: MappingTerritory | None = None) -> object:
    """One decision for an object, a list of decisions for a list; raises InputError."""
    return evaluate_payload(
        payload, territory=territory or territory_for_rules(), translate=gettext
    )
