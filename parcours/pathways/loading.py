from django.db.models import QuerySet

from parcours.pathways.models import Pathway
from parcours.training.ledger import enrolments_prefetch

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
