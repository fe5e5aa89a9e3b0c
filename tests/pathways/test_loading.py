"""`pathways.loading.files_with_file`: the set-based services' read of many files gives the
rules what `pathways_with_file` gives a page, in a fixed number of queries."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.demo.region import TODAY
from parcours.pathways.enums import AdjustmentKind
from parcours.pathways.loading import FILE_PREFETCH, files_with_file, pathways_with_file
from parcours.pathways.models import Adjustment, Decision, Pathway, Waiver
from parcours.pathways.services.clock import completion_outcome, derived_columns
from tests.factories.people import make_pathway
from tests.pathways.journey import SIGNED_ON, do_agreement, do_training, do_welcome

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territory")]

RELATIONS = (*FILE_PREFETCH, "enrolments")


@pytest.fixture
def region(agent_mons: User) -> list[int]:
    """A small synthetic region, and a file walked through the welcome, the agreement and
    the training, with an adjustment and a waiver: every relation has rows."""
    call_command("seed_region", people=120, stdout=StringIO())
    walked = make_pathway(actor=agent_mons)
    do_welcome(walked, agent_mons)
    do_agreement(walked, agent_mons)
    do_training(walked, agent_mons)
    Adjustment.objects.create(
        pathway=walked, kind=AdjustmentKind.EXTENSION, reason="Illness", starts_on=SIGNED_ON
    )
    Waiver.objects.create(pathway=walked, ground="citizenship", evidence="Attestation")
    return list(Pathway.objects.order_by("pk").values_list("pk", flat=True))


def _rows(pathway: Pathway) -> dict[str, list[int]]:
    """Each relation's rows in order; the enrolments as a set (a prefetch of their hours, a
    query with a sum, has no order)."""
    found = {name: [row.pk for row in getattr(pathway, name).all()] for name in RELATIONS}
    return found | {"enrolments": sorted(found["enrolments"])}


def test_the_files_read_ahead_are_those_a_prefetch_reads(region: list[int]) -> None:
    expected = {p.pk: p for p in pathways_with_file().filter(pk__in=region)}
    loaded = files_with_file(region)
    assert [p.pk for p in loaded] == region
    filled = set()
    for pathway in loaded:
        assert _rows(pathway) == _rows(expected[pathway.pk])  # the same rows, in order
        enrolled = [(e.referred_on, e.pk) for e in pathway.enrolments.all()]
        assert enrolled == sorted(enrolled, reverse=True)  # the model's order, newest first
        filled |= {name for name, pks in _rows(pathway).items() if pks}
    assert filled == set(RELATIONS)  # the comparison is not one of empty lists


@time_machine.travel(TODAY, tick=False)
def test_the_rules_decide_the_same_from_either_read(region: list[int]) -> None:
    decided = dict(
        Decision.objects.filter(rule="obligation", is_current=True).values_list(
            "pathway_id", "deadlines"
        )
    )
    expected = {p.pk: p for p in pathways_with_file().filter(pk__in=region)}
    for pathway in files_with_file(region):
        before = expected[pathway.pk]
        deadlines = decided.get(pathway.pk) or {}
        assert derived_columns(pathway, deadlines) == derived_columns(before, deadlines)
        # The whole decision with its trace: the hours, the tests and the agreement it read.
        assert completion_outcome(pathway) == completion_outcome(before)


@time_machine.travel(TODAY, tick=False)
def test_reading_and_deciding_many_files_takes_the_queries_of_few(region: list[int]) -> None:
    def count(ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            for pathway in files_with_file(ids):
                derived_columns(pathway, {})  # the rules read nothing more
                completion_outcome(pathway)
                for name in RELATIONS:  # each row knows its file without a query
                    for row in getattr(pathway, name).all():
                        assert row.pathway is pathway
        return len(queries)

    few, many = count(region[:3]), count(region)
    assert few == many == 1 + len(RELATIONS)
