from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.certificates.services import (
    certificate_issue,
    certificate_revoke,
    certificate_verify,
)
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.territory.models import Commune
from tests.errors import refused
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_training, do_welcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


def _complete(agent: User, **person: Any) -> Pathway:
    pathway = make_pathway(actor=agent, **person)
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    do_training(pathway, agent)
    return pathway


def test_certificates_are_numbered_per_centre_and_year_with_unguessable_codes(
    agent_mons: User,
) -> None:
    first = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1), actor=agent_mons)
    second = certificate_issue(
        pathway=_complete(agent_mons, national_number="", family_name="Other"),
        on=date(2027, 2, 2), actor=agent_mons,
    )  # fmt: skip
    assert (first.number, second.number) == ("CIMB-2027-00001", "CIMB-2027-00002")
    assert len(first.code) >= 32 and first.code != second.code


def test_each_centre_numbers_its_certificates_from_one(agent_mons: User, agent_liege: User) -> None:
    liege = Commune.objects.get(nis_code="62063")
    mons = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1), actor=agent_mons)
    cripel = certificate_issue(
        pathway=_complete(agent_liege, national_number="", commune=liege, postal_code="4000"),
        on=date(2027, 2, 1), actor=agent_liege,
    )  # fmt: skip
    assert (mons.number, cripel.number) == ("CIMB-2027-00001", "CRIPEL-2027-00001")


def test_the_numbering_starts_again_at_one_with_a_new_year(agent_mons: User) -> None:
    december = certificate_issue(
        pathway=_complete(agent_mons), on=date(2026, 12, 31), actor=agent_mons
    )
    january = certificate_issue(
        pathway=_complete(agent_mons, national_number="", family_name="Other"),
        on=date(2027, 1, 4), actor=agent_mons,
    )  # fmt: skip
    assert (december.number, january.number) == ("CIMB-2026-00001", "CIMB-2027-00001")


@pytest.mark.parametrize("on", [date(2020, 1, 1), date(2026, 9, 9)])
def test_a_certificate_cannot_be_issued_before_the_last_fact_of_its_completion(
    on: date, agent_mons: User
) -> None:
    pathway = _complete(agent_mons)  # last hours on 10/09/2026
    with refused("A certificate cannot be issued before %(day)s, the last fact of its completion."):
        certificate_issue(pathway=pathway, on=on, actor=agent_mons)
    pathway.refresh_from_db()
    assert not Certificate.objects.exists() and pathway.status == Status.IN_TRAINING


def test_a_certificate_cannot_be_issued_on_a_future_date(agent_mons: User) -> None:
    with refused("A certificate cannot be issued on a future date."):
        certificate_issue(pathway=_complete(agent_mons), on=date(2027, 3, 2), actor=agent_mons)
    assert not Certificate.objects.exists()


def test_a_certificate_can_be_issued_on_the_day_of_its_last_hours(agent_mons: User) -> None:
    pathway = _complete(agent_mons)
    certificate = certificate_issue(pathway=pathway, on=date(2026, 9, 10), actor=agent_mons)
    assert certificate.number == "CIMB-2026-00001"


def test_a_revoked_certificate_stays_authentic_and_shows_as_revoked(agent_mons: User) -> None:
    certificate = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1),
                                    actor=agent_mons)  # fmt: skip
    certificate_revoke(certificate=certificate, on=date(2027, 2, 20), reason="Fraud",
                       actor=agent_mons)  # fmt: skip
    check = certificate_verify(certificate.code)
    assert check.revoked and not check.valid and check.holder_name


@pytest.mark.parametrize(
    "undo",
    [{"revoked_on": None, "revoked_reason": ""}, {"revoked_on": None}, {"revoked_reason": "Typo"}],
)
def test_a_revocation_undone_in_the_table_fails_verification(
    undo: dict[str, object], agent_mons: User
) -> None:
    certificate = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1),
                                    actor=agent_mons)  # fmt: skip
    certificate_revoke(certificate=certificate, on=date(2027, 2, 20), reason="Fraud",
                       actor=agent_mons)  # fmt: skip
    Certificate.objects.filter(pk=certificate.pk).update(**undo)
    check = certificate_verify(certificate.code)
    assert not check.valid and check.holder_name == ""


FORGED: dict[str, object] = {
    "holder_name": "Someone Else", "issued_on": date(2027, 1, 1), "centre_name": "Forged",
    "holder_birth_date": date(1990, 1, 1), "holder_birth_place": "Elsewhere",
    "holder_nationalities": ["BE"],
}  # fmt: skip


@pytest.mark.parametrize("field", list(FORGED))
def test_a_tampered_record_fails_verification(field: str, agent_mons: User) -> None:
    certificate = certificate_issue(pathway=_complete(agent_mons, birth_place="Alep"),
                                    on=date(2027, 2, 1), actor=agent_mons)  # fmt: skip
    forged = FORGED[field]
    Certificate.objects.filter(pk=certificate.pk).update(**{field: forged})
    check = certificate_verify(certificate.code)
    assert not check.valid and check.holder_name == ""


def test_an_unknown_code_is_not_valid(territory: None) -> None:
    assert not certificate_verify("forged-code").valid
