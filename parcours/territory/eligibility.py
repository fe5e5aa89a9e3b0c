"""The eligibility contract (parcours.rules.contract) on the territory stored in the database.

The CLI `parcours eligibility`, `POST /api/v1/eligibility` and the public self-check all call
`eligibility_evaluate`; the decree itself lives in parcours.rules.
"""

from django.utils.translation import gettext

from parcours.rules.contract import evaluate_payload
from parcours.rules.territory import MappingTerritory
from parcours.territory.models import Commune


def territory_for_rules() -> MappingTerritory:
    """The 261 Walloon communes with their language region and centre, in one query."""
    rows = Commune.objects.values_list("nis_code", "language_region", "centre__code")
    regions = {nis: region for nis, region, _centre in rows}
    centres = {nis: centre for nis, _region, centre in rows}
    return MappingTerritory(regions, centres)


def eligibility_evaluate(payload: object, *, territory: MappingTerritory | None = None) -> object:
    """One decision for an object, a list of decisions for a list; raises InputError."""
    return evaluate_payload(
        payload, territory=territory or territory_for_rules(), translate=gettext
    )
