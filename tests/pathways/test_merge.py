"""Issue 11: a merge leaves exactly one open file, its decision recomputed from the merged
facts; every appointment, enrolment, hour and event follows; the old URL redirects to the kept
person; a side-by-side comparison picks each field; an administrator undoes the merge."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway, PathwayEvent, Referral
from parcours.pathways.services.merge import people_merge, people_merge_undo
from parcours.pathways.services.staffing import pathway_assign_agent
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.people.models import Person, PersonMerge
from parcours.training.enums import Track
from parcours.training.models import Enrolment
from tests.errors import refused
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, record_hours
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _twins(agent: User) -> tuple[Pathway, Pathway]:
    """The same woman recorded twice: once without her permit (not concerned), once with it
    (obliged), each with an open file."""
    kept = make_pathway(
        actor=agent,
        national_number="",
        permit_kind="",
        permit_ordered_on=None,
        permit_valid_from=None,
        permit_valid_until=None,
        phone="",
    )
    other = make_pathway(actor=agent, family_name="AL HASSAN", new_person=True)
    return kept, other


def _open(person: Person) -> list[Pathway]:
    return list(Pathway.objects.filter(person=person, status__in=OPEN_STATUSES))


def test_a_merge_leaves_one_open_file_with_a_recomputed_decision_and_every_record(
    agent_mons: User,
) -> None:
    kept, other = _twins(agent_mons)
    assert kept.obligation != other.obligation == "obligated"
    enrolment = make_enrolment(
        other, make_offer(make_partner(), track=Track.FRENCH), agent=agent_mons
    )
    record_hours(enrolment, {date(2026, 5, 4): "3", date(2026, 5, 6): "2"})
    events = PathwayEvent.objects.filter(pathway=other).count()
    merge = people_merge(
        keep=kept.person, duplicate=other.person, actor=agent_mons, reason="Same permit"
    )
    files = _open(kept.person)
    assert files == [kept]
    kept.refresh_from_db()
    assert kept.obligation == "obligated" and kept.decisions.filter(is_current=True).count() == 1
    kept.person.refresh_from_db()
    assert kept.person.national_number == other.person.national_number
    assert Enrolment.objects.get().pathway == kept
    assert PathwayEvent.objects.filter(pathway=kept).count() > events
    assert Referral.objects.filter(pathway=kept).count() == 2
    other.refresh_from_db()
    assert other.status == Status.TRANSFERRED and other.person == kept.person
    assert merge.moves and merge.closed == {str(other.pk): "referred"}


def test_the_comparison_picks_each_field(agent_mons: User) -> None:
    kept, other = _twins(agent_mons)
    people_merge(
        keep=kept.person,
        duplicate=other.person,
        actor=agent_mons,
        reason="Same permit",
        picks={"family_name": "duplicate", "permit_kind": "keep"},
    )
    kept.person.refresh_from_db()
    assert kept.person.family_name == "AL HASSAN" and kept.person.permit_kind == ""
    assert kept.person.permit_ordered_on == other.person.permit_ordered_on  # blank: filled
    with refused("Choose, for each field, the value of one of the two records."):
        people_merge(
            keep=kept.person,
            duplicate=make_pathway(
                actor=agent_mons, family_name="X", new_person=True, national_number=""
            ).person,
            actor=agent_mons,
            reason="x",
            picks={"family_name": "neither"},
        )


def test_the_merge_page_compares_and_the_old_url_redirects(
    agent_mons: User, client_for: ClientFor
) -> None:
    kept, other = _twins(agent_mons)
    client = client_for(agent_mons)
    url = reverse("staff:person_merge", args=[kept.person_id])
    page = client.get(url, {"duplicate": other.person_id})
    assert page.status_code == 200
    assert b'name="pick_family_name" value="duplicate"' in page.content
    assert b'name="pick_email"' not in page.content  # the same on both: nothing to choose
    done = client.post(
        url,
        {"duplicate": other.person_id, "reason": "Same permit", "pick_family_name": "duplicate"},
    )
    assert done.status_code == 302
    kept.person.refresh_from_db()
    assert kept.person.family_name == "AL HASSAN"
    old = client.get(reverse("staff:person", args=[other.person_id]))
    assert old.status_code == 302 and old["Location"] == reverse(
        "staff:person", args=[kept.person_id]
    )
    assert client.get(old["Location"]).status_code == 200


def test_an_administrator_undoes_the_merge_from_its_record(
    agent_mons: User, admin_user: User, client_for: ClientFor
) -> None:
    kept, other = _twins(agent_mons)
    enrolment = make_enrolment(
        other, make_offer(make_partner(), track=Track.FRENCH), agent=agent_mons
    )
    before = kept.obligation
    merge = people_merge(
        keep=kept.person, duplicate=other.person, actor=agent_mons, reason="Same permit"
    )
    with refused("Only an administrator undoes a merge."):
        people_merge_undo(merge=merge, actor=agent_mons)
    admin = client_for(admin_user)
    listing = admin.get(reverse("staff:merges"))
    assert reverse("staff:merge_undo", args=[merge.pk]).encode() in listing.content
    assert admin.post(reverse("staff:merge_undo", args=[merge.pk])).status_code == 302
    merge.refresh_from_db()
    assert merge.undone_by == admin_user
    other.refresh_from_db()
    other.person.refresh_from_db()
    kept.refresh_from_db()
    kept.person.refresh_from_db()
    assert other.person.merged_into is None and other.person_id != kept.person_id
    assert other.status == Status.REFERRED and _open(other.person) == [other]
    assert _open(kept.person) == [kept] and kept.obligation == before
    assert kept.person.national_number == "" and kept.person.permit_ordered_on is None
    enrolment.refresh_from_db()
    assert enrolment.pathway == other
    with refused("This merge is already undone."):
        people_merge_undo(merge=merge, actor=admin_user)
    assert client_for(agent_mons).get(reverse("staff:merges")).status_code == 403
    assert PersonMerge.objects.count() == 1


def _unassigned(pathway: Pathway, actor: User) -> Pathway:
    return pathway_assign_agent(pathway=pathway, agent=None, actor=actor)


def test_a_merge_keeping_the_new_record_keeps_the_old_file_and_its_referent(
    agent_mons: User,
) -> None:
    old = make_pathway(actor=agent_mons, national_number="", referred_on=date(2026, 3, 2))
    new = make_pathway(
        actor=agent_mons, family_name="AL HASSAN", new_person=True, referred_on=date(2026, 5, 4)
    )
    _unassigned(new, agent_mons)
    people_merge(keep=new.person, duplicate=old.person, actor=agent_mons, reason="Same permit")
    files = _open(new.person)
    assert files == [old] and files[0].agent == agent_mons


def test_a_merged_file_without_a_referent_takes_the_folded_files_and_undo_clears_it(
    agent_mons: User, admin_user: User
) -> None:
    kept, other = _twins(agent_mons)
    _unassigned(kept, agent_mons)
    merge = people_merge(
        keep=kept.person, duplicate=other.person, actor=agent_mons, reason="Same permit"
    )
    kept.refresh_from_db()
    assert _open(kept.person) == [kept] and kept.agent == agent_mons
    people_merge_undo(merge=merge, actor=admin_user)
    kept.refresh_from_db()
    assert kept.agent is None
