from django.db.models import QuerySet

from parcours.pathways.models import Pathway
from parcours.training.ledger import enrolments_hours_prefetch, enrolments_prefetch

FILE_PREFETCH = (
    "agreements",
    "adjustments",
    "evaluations",
    "rights_sessions",
    "french_tests",
    "administrative_help",
    "waivers",
)


FILE_SELECT = ("person__commune", "centre", "assessment")


def pathways_with_file() -> QuerySet[Pathway]:
    """Everything the rules need about a pathway, in a fixed number of queries."""
    return Pathway.objects.select_related(*FILE_SELECT).prefetch_related(
        *FILE_PREFETCH, enrolments_prefetch()
    )


def reload(pathway: Pathway) -> Pathway:
    return pathways_with_file().get(pk=pathway.pk)


def pathways_for_pace() -> QuerySet[Pathway]:
    """What the hours pace reads (`training.ledger.track_lines` and its terms): the file's
    status and dates, its agreements, French tests and enrolments with their hours — three
    prefetches, not the whole file of `pathways_with_file`."""
    return Pathway.objects.only("pk", "status", "referred_on", "agreed_on").prefetch_related(
        "agreements", "french_tests", enrolments_hours_prefetch()
    )
