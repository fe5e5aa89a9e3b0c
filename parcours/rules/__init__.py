"""THE DECREE: the rules of the Walloon integration pathway as dated data (YAML parameters)
and small pure functions (CWASS art. 150 ff.; Code réglementaire art. 236 ff.). Imports
nothing from Django nor from any other Parcours app; never reads the clock."""

from parcours.rules import formulas
from parcours.rules.contract import evaluate_payload, outcome_to_dict, parse_json, parse_person
from parcours.rules.engine import Deadline, Outcome, Step, evaluate
from parcours.rules.errors import (
    ExtensionLimitExceeded,
    InputError,
    ParameterFileError,
    ParameterNotInForce,
    RuleNotInForce,
    RulesError,
    RulesInputError,
)
from parcours.rules.formulas.completion import Progress, completion
from parcours.rules.formulas.deadlines import Adjustment, PathwayDates, legal_clock
from parcours.rules.formulas.obligation import Permit, Person, decide_obligation
from parcours.rules.loader import ParameterSet, TraceEntry, default_parameters, load_parameters
from parcours.rules.reasons import REASONS, Reason
from parcours.rules.record import DecisionRecord, Replay, replay
from parcours.rules.territory import (
    CentrePeriod,
    CodeNotValidOn,
    CommuneOnDate,
    CommuneRecord,
    MappingTerritory,
    Territory,
    language_region_from_nis_prefix,
)

__all__ = [
    "REASONS",
    "Adjustment",
    "CentrePeriod",
    "CodeNotValidOn",
    "CommuneOnDate",
    "CommuneRecord",
    "Deadline",
    "DecisionRecord",
    "ExtensionLimitExceeded",
    "InputError",
    "MappingTerritory",
    "Outcome",
    "ParameterFileError",
    "ParameterNotInForce",
    "ParameterSet",
    "PathwayDates",
    "Permit",
    "Person",
    "Progress",
    "Reason",
    "Replay",
    "RuleNotInForce",
    "RulesError",
    "RulesInputError",
    "Step",
    "Territory",
    "TraceEntry",
    "completion",
    "decide_obligation",
    "default_parameters",
    "evaluate",
    "evaluate_payload",
    "formulas",
    "language_region_from_nis_prefix",
    "legal_clock",
    "load_parameters",
    "outcome_to_dict",
    "parse_json",
    "parse_person",
    "replay",
]
