"""An attestation adds the hours of its period; an overlap with rows already recorded is shown
to the user, who says whether the attestation includes them — never replaced silently."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from parcours.training.enums import OverlapChoice, Track
from parcours.training.ledger import hours_by_track
from parcours.training.models import Attendance, Enrolment, Offer, Partner
from parcours.training.services.attendance import AttestationOverlapError
from parcours.training.services.centre_hours import OUTSIDE, AttestationInput, hours_record
from tests.errors import refused
from tests.factories.training import record_hours
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _attest(pathway: Pathway, actor: User, **fields: object) -> Attendance:
    values: dict[str, object] = {
        "track": Track.FRENCH,
        "hours": Decimal(51),
        "period_from": date(2026, 5, 1),
        "attended_on": date(2026, 5, 31),
    } | fields
    return hours_record(pathway=pathway, data=AttestationInput(**values), actor=actor)  # type: ignore[arg-type]


def _nine_hours(enrolled: Enrolment) -> None:
    record_hours(enrolled, {date(2026, 5, 4): "4", date(2026, 5, 5): "3", date(2026, 5, 6): "2"})


def test_an_attestation_adds_its_hours_to_the_partner_rows_before_its_period(
    enrolled: Enrolment, agent_mons: User
) -> None:
    record_hours(enrolled, {date(2026, 4, 27): "4", date(2026, 4, 28): "5"})
    _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk))
    assert hours_by_track(enrolled.pathway) == {"french": 60.0}


def test_9_hours_then_an_attestation_of_51_hours_never_shows_51_hours_silently(
    enrolled: Enrolment, agent_mons: User
) -> None:
    """Regression: 9 h of partner rows + a 51 h attestation over them showed as 51 h."""
    _nine_hours(enrolled)
    with pytest.raises(AttestationOverlapError) as raised:
        _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk))
    assert [row.hours for row in raised.value.rows] == [Decimal(4), Decimal(3), Decimal(2)]
    assert hours_by_track(enrolled.pathway) == {"french": 9.0}  # nothing recorded
    _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk), overlap=OverlapChoice.ADDITIONAL)
    assert hours_by_track(enrolled.pathway) == {"french": 60.0}


def test_an_attestation_the_user_says_includes_the_rows_counts_them_once(
    enrolled: Enrolment, agent_mons: User
) -> None:
    _nine_hours(enrolled)
    _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk), overlap=OverlapChoice.INCLUDED)
    assert hours_by_track(enrolled.pathway) == {"french": 51.0}
    history = Attendance.objects.filter(enrolment=enrolled, superseded_at__isnull=False)
    assert history.count() == 3  # the partner rows stay readable, marked as included


def test_two_attestations_whose_periods_meet_are_an_overlap_too(
    enrolled: Enrolment, agent_mons: User
) -> None:
    _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk))
    with pytest.raises(AttestationOverlapError):
        _attest(
            enrolled.pathway,
            agent_mons,
            body=str(enrolled.pk),
            hours=Decimal(10),
            period_from=date(2026, 5, 31),
            attended_on=date(2026, 6, 15),
        )
    _attest(
        enrolled.pathway,
        agent_mons,
        body=str(enrolled.pk),
        hours=Decimal(10),
        period_from=date(2026, 6, 1),
        attended_on=date(2026, 6, 15),
    )
    assert hours_by_track(enrolled.pathway) == {"french": 61.0}


def test_a_period_that_ends_before_it_starts_is_refused(
    enrolled: Enrolment, agent_mons: User
) -> None:
    with refused("The period of the attestation ends before it starts."):
        _attest(enrolled.pathway, agent_mons, body=str(enrolled.pk), period_from=date(2026, 6, 2))
    assert not Attendance.objects.exists()


def test_hours_of_a_track_with_no_partner_in_parcours_are_recorded_from_an_attestation(
    agreed: Pathway, agent_mons: User
) -> None:
    fields = {"track": Track.JOB_ORIENTATION, "hours": Decimal(4), "body": OUTSIDE}
    _attest(agreed, agent_mons, outside_body="Le  Forem — Mons", **fields)
    assert hours_by_track(agreed) == {"job_orientation": 4.0}
    body = Partner.objects.get(name="Le Forem — Mons")
    assert body.outside_parcours and body.gives_job_orientation
    assert not Offer.objects.get(partner=body).is_open  # takes no referral
    again = {**fields, "hours": Decimal(2), "period_from": date(2026, 6, 1)}
    _attest(
        agreed, agent_mons, outside_body="le forem — mons", attended_on=date(2026, 6, 2), **again
    )
    assert Enrolment.objects.filter(pathway=agreed, offer__partner=body).count() == 1
    assert hours_by_track(agreed) == {"job_orientation": 6.0}


def test_a_body_working_in_parcours_is_not_recorded_as_outside(
    agreed: Pathway, agent_mons: User, partner_body: Partner
) -> None:
    with refused("%(name)s works in Parcours: refer the person to one of its offers."):
        _attest(agreed, agent_mons, body=OUTSIDE, outside_body=partner_body.name.upper())
    assert not Enrolment.objects.filter(pathway=agreed).exists()


def test_the_attestation_page_lists_the_overlap_and_records_once_the_user_chose(
    enrolled: Enrolment, agent_mons: User, client_for: ClientFor
) -> None:
    _nine_hours(enrolled)
    client = client_for(agent_mons)
    url = reverse("staff:hours", args=[enrolled.pathway_id])
    data = {
        "track": "french",
        "body": str(enrolled.pk),
        "hours": "51",
        "period_from": "2026-05-01",
        "attended_on": "2026-05-31",
    }
    page = client.post(url, data)
    text = page.content.decode()
    assert page.status_code == 200
    assert "04/05/2026" in text and 'name="overlap"' in text
    assert hours_by_track(enrolled.pathway) == {"french": 9.0}
    done = client.post(url, data | {"overlap": "additional"})
    assert done.status_code == 302
    assert hours_by_track(enrolled.pathway) == {"french": 60.0}


def test_a_track_whose_hours_lag_behind_the_pace_is_flagged_on_the_person_page(
    enrolled: Enrolment, agent_mons: User, client_for: ClientFor
) -> None:
    pathway = enrolled.pathway
    page = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    assert "data-behind-pace" in page.content.decode()  # signed 01/04/2026, no hours since
    _attest(pathway, agent_mons, body=str(enrolled.pk), hours=Decimal(400))
    page = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    text = page.content.decode()
    french = text.split('data-track="french"', 1)[1].split("</tr>", 1)[0]
    assert "data-behind-pace" not in french
