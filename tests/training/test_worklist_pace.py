"""The hours pace in the worklist: the nightly sweep flags a file whose hours lag behind its
agreement, the worklist shows and filters it, and recorded hours clear the flag at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.pace import pace_sweep
from parcours.pathways.models import Pathway
from parcours.training.models import Enrolment
from tests.clock import FROZEN_ON
from tests.training.test_attestations import _attest
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _listed(client: object, **query: str) -> list[int]:
    page = client.get(reverse("staff:worklist"), query)  # type: ignore[attr-defined]
    return [p.pk for p in page.context["page"].object_list]


def test_a_file_behind_pace_is_flagged_and_filtered_in_the_worklist(
    enrolled: Enrolment, agent_mons: User, client_for: ClientFor
) -> None:
    pathway = enrolled.pathway
    assert pace_sweep(today=FROZEN_ON) == 1  # signed 01/04/2026, no hours since
    pathway.refresh_from_db()
    assert pathway.behind_pace
    client = client_for(agent_mons)
    assert _listed(client, scope="centre", pace="1", all="1") == [pathway.pk]
    page = client.get(reverse("staff:worklist"), {"scope": "centre", "all": "1"})
    assert "data-behind-pace" in page.content.decode()
    assert pace_sweep(today=FROZEN_ON) == 0  # a second night changes nothing
    agreement = pathway.agreements.get()
    for track, minimum in agreement.minimum_hours.items():  # every track up to its minimum
        body = str(enrolled.pk) if track == enrolled.track else "outside"
        outside = "" if track == enrolled.track else f"Body {track}"
        _attest(
            pathway,
            agent_mons,
            track=track,
            body=body,
            outside_body=outside,
            hours=Decimal(minimum),
        )
    pathway.refresh_from_db()
    assert not pathway.behind_pace
    assert _listed(client, scope="centre", pace="1", all="1") == []


def test_the_dashboard_counts_the_files_behind_pace_and_links_to_them(
    enrolled: Enrolment, coordinator_mons: User, client_for: ClientFor
) -> None:
    pace_sweep(today=FROZEN_ON)
    text = client_for(coordinator_mons).get(reverse("staff:home")).content.decode()
    tile = text.split('data-figure="behind-pace"', 1)[1].split("</section>", 1)[0]
    assert "pace=1" in tile and "<strong" in tile and ">1</strong>" in tile


def test_the_nightly_pace_reads_the_same_ledger_as_the_whole_file(
    enrolled: Enrolment, agent_mons: User
) -> None:
    """The sweep reads only what the pace reads (`files_for_pace`): each track's line and
    flag are those of the person page's ledger, read from the whole file, day after day."""
    from datetime import timedelta  # noqa: PLC0415

    from parcours.pathways.loading import files_for_pace, pathways_with_file  # noqa: PLC0415
    from parcours.training.selectors import pathway_ledger  # noqa: PLC0415

    pathway = enrolled.pathway
    _attest(pathway, agent_mons, track=enrolled.track, body=str(enrolled.pk), hours=Decimal(210))

    def lines(loaded: object, day: object) -> list[tuple[object, ...]]:
        found = pathway_ledger(pathway=loaded, today=day)  # type: ignore[arg-type]
        return [(x.track, x.done, x.minimum, x.due_on, x.met, x.behind_pace) for x in found]

    flags = set()
    for later in (0, 30, 90, 200, 400):
        day = FROZEN_ON + timedelta(days=later)
        lean = lines(files_for_pace([pathway.pk])[0].as_pathway(), day)
        assert lean == lines(pathways_with_file().get(pk=pathway.pk), day), later
        flags |= {line[-1] for line in lean}
    assert flags == {True, False}  # on pace at first, behind later


def test_the_pace_of_many_files_costs_the_queries_of_one(
    enrolled: Enrolment, agent_mons: User
) -> None:
    """Issue 16: four reads and at most two writes per chunk, whatever the number of files
    and their history (no related manager per file)."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from parcours.casework.pace import pace_refresh  # noqa: PLC0415
    from tests.factories.people import make_pathway  # noqa: PLC0415

    others = [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Pace{n}").pk
        for n in range(3)
    ]

    def queries(ids: list[int]) -> int:
        # A day to read each again that this reading moves (not running: none; behind:
        # its weekday, after tonight).
        Pathway.objects.filter(pk__in=ids).update(pace_check_on=FROZEN_ON)
        with CaptureQueriesContext(connection) as captured:
            pace_refresh(pathway_ids=ids, today=FROZEN_ON)
        assert not Pathway.objects.filter(pk__in=ids, pace_check_on=FROZEN_ON).exists()
        return len(captured)

    # Four reads, two writes of the flags, one of the days that moved.
    assert queries([enrolled.pathway_id, others[0]]) == 7
    assert queries([enrolled.pathway_id, *others]) == 7
    assert Enrolment.objects.get(pk=enrolled.pk).pathway.behind_pace


def test_a_file_on_pace_is_read_again_on_the_day_it_falls_behind_not_every_night(
    enrolled: Enrolment, agent_mons: User
) -> None:
    """Night after night, the flag the sweep keeps (reading a file only on its
    `pace_check_on`) is the flag of the whole ledger read that night; a fact that moves
    empties the day, and the file is read that night."""
    from datetime import timedelta  # noqa: PLC0415

    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from parcours.pathways.loading import pathways_with_file  # noqa: PLC0415
    from parcours.pathways.services.clock import pathway_refresh  # noqa: PLC0415
    from parcours.training.selectors import pathway_ledger  # noqa: PLC0415

    pathway = enrolled.pathway
    # Citizenship met; half the French, on pace until February (75 % of the hours owed).
    for track, minimum in pathway.agreements.get().minimum_hours.items():
        body = str(enrolled.pk) if track == enrolled.track else "outside"
        outside = "" if track == enrolled.track else f"Body {track}"
        hours = Decimal(minimum) / (2 if track == "french" else 1)
        _attest(pathway, agent_mons, track=track, body=body, outside_body=outside, hours=hours)
    stored = Pathway.objects.get(pk=pathway.pk)
    assert not stored.behind_pace
    assert stored.pace_check_on is not None
    assert FROZEN_ON < stored.pace_check_on <= FROZEN_ON + timedelta(days=7)
    assert (stored.pace_check_on.toordinal() - pathway.pk) % 7 == 0  # its own weekday
    with CaptureQueriesContext(connection) as captured:
        pace_sweep(today=FROZEN_ON)
    assert len(captured) == 2  # which files are due: none is read tonight
    reads, flags = 0, set()
    for later in range(1, 400):
        day = FROZEN_ON + timedelta(days=later)
        due = Pathway.objects.get(pk=pathway.pk).pace_check_on
        reads += due is None or due <= day
        pace_sweep(today=day)
        whole = pathway_ledger(pathway=pathways_with_file().get(pk=pathway.pk), today=day)
        behind = any(line.behind_pace for line in whole)
        assert Pathway.objects.get(pk=pathway.pk).behind_pace == behind, day
        flags.add(behind)
    assert flags == {True, False}
    # On pace until 19 February 2027 (day 81): read once a week (on a weekday of its own),
    # and on that day; behind after, still once a week (no fact moves: it stays behind).
    assert 399 // 7 <= reads <= 399 // 7 + 2
    pathway_refresh(pathway=pathway)
    assert Pathway.objects.get(pk=pathway.pk).pace_check_on is None
