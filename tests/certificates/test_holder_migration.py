"""Certificates issued before the birth place and nationalities were signed into them: the
data migration fills both from the person as they are at migration time and signs the
certificate again, so that it keeps verifying (valid, or revoked with its date); a record
tampered with before stays refused. Run through the migration executor, back and forth."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.certificates.services import (
    certificate_issue,
    certificate_revoke,
    certificate_verify,
)
from parcours.people.models import Person
from tests.certificates.test_certificates import _complete

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("certificates", "0002_initial")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    leaves: list[tuple[str, str]] = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return leaves


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


def test_old_certificates_get_the_person_s_birth_place_and_still_verify(agent_mons: User) -> None:
    issued = [
        certificate_issue(
            pathway=_complete(agent_mons, national_number="", family_name=name, birth_place="Alep"),
            on=date(2027, 2, 1), actor=agent_mons,
        )
        for name in ("Valid", "Revoked", "Tampered")
    ]  # fmt: skip
    valid, revoked, tampered = issued
    certificate_revoke(certificate=revoked, on=date(2027, 2, 20), reason="Fraud", actor=agent_mons)
    latest = _latest()
    try:
        old = _migrate(BEFORE).get_model("certificates", "Certificate")
        assert "holder_birth_place" not in {f.name for f in old._meta.get_fields()}
        old.objects.filter(pk=tampered.pk).update(holder_name="Someone Else")
        Person.objects.filter(pathways__certificates__pk=valid.pk).update(birth_place="Homs")
    finally:
        _migrate(latest)
    filled = {
        c.pk: (c.holder_birth_place, c.holder_nationalities) for c in Certificate.objects.all()
    }
    assert filled == {
        valid.pk: ("Homs", ["SY"]), revoked.pk: ("Alep", ["SY"]), tampered.pk: ("Alep", ["SY"])
    }  # fmt: skip
    assert certificate_verify(valid.code).valid
    check = certificate_verify(revoked.code)
    assert check.revoked and check.revoked_on == date(2027, 2, 20) and not check.valid
    assert not certificate_verify(tampered.code).valid
