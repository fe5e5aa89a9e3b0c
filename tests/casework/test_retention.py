"""Retention: a closed file past its period is anonymised by the sweep (names, contacts,
national number, address, free texts, health notes), the statistics do not move, an open file
is never touched, a dry run changes nothing, and a second run changes nothing more."""

import logging
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parcours.accounts.models import User
from parcours.casework.retention import (
    BLANKED,
    INTAKE_BLANKS,
    KEPT,
    PERSON_BLANKS,
    retention_preview,
    retention_sweep,
)
from parcours.casework.statistics.figures import FIGURES, figure_compute
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.subject_access import DOMAIN_APPS
from parcours.certificates.models import Certificate
from parcours.certificates.services import certificate_verify, certificate_verify_number
from parcours.certificates.signing import sign
from parcours.core.sealed import seal
from parcours.notifications.tasks import send_email
from parcours.pathways.enums import Status
from parcours.pathways.models import HealthNote, Pathway, PathwayEvent, SocialAssessment
from parcours.pathways.selectors import people_search
from parcours.people.matching import person_match
from parcours.people.models import Person, PersonChange
from parcours.territory.models import Centre
from tests.factories.people import make_pathway, person_fields

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CLOSED_ON = date(2026, 6, 1)
# Ten years after a certificate (retention_after_certificate), two after "not concerned".
AFTER_CERTIFICATE = date(2036, 6, 2)
ALL_2026 = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31))


def _closed(status: Status, closed_on: date | None = CLOSED_ON, **person: Any) -> Pathway:
    pathway = make_pathway(**person)
    Pathway.objects.filter(pk=pathway.pk).update(status=status, closed_on=closed_on)
    HealthNote.objects.create(pathway=pathway, notes="diabète", needs=["mobility"])
    Person.objects.filter(pk=pathway.person_id).update(birth_place="Alep")
    SocialAssessment.objects.create(
        pathway=pathway, situation="mariée, deux enfants", assessed_on=date(2026, 3, 10)
    )
    PathwayEvent.objects.create(pathway=pathway, kind="status", summary="x", reason="Amira a dit")
    PersonChange.objects.create(
        person=pathway.person, field="phone", old_value="0470", new_value="0471"
    )
    pathway.refresh_from_db()
    return pathway


def _certificate(pathway: Pathway) -> Certificate:
    certificate = Certificate(
        pathway=pathway,
        centre=pathway.centre,
        year=2026,
        sequence=1,
        number="CIMB-2026-00001",
        issued_on=CLOSED_ON,
        holder_name="Amira AL-HASSAN",
        holder_birth_date=pathway.person.birth_date,
        centre_name=pathway.centre.name,
        code="c0de",
    )
    certificate.signature = sign(certificate)
    certificate.save()
    return certificate


def _figures() -> dict[str, object]:
    return {f.key: figure_compute(f, ALL_2026, by_centre=True).rows for f in FIGURES}


def test_a_file_past_its_period_loses_names_contacts_and_free_texts(cimb: Centre) -> None:
    pathway = _closed(Status.COMPLETED)
    report = retention_sweep(today=AFTER_CERTIFICATE)
    assert report.people == 1
    person = Person.objects.get(pk=pathway.person_id)
    assert person.anonymised_on == AFTER_CERTIFICATE
    assert all(getattr(person, name) == blank for name, blank in PERSON_BLANKS.items())
    assert person.birth_date == date(1985, 1, 1)  # the year only
    assert person.full_name == "Personne anonymisée"
    assert HealthNote.objects.get(pathway=pathway).notes == ""
    assert HealthNote.objects.get(pathway=pathway).needs == []
    assert person.birth_place == ""
    assert SocialAssessment.objects.get(pathway=pathway).situation == ""
    assert PathwayEvent.objects.filter(pathway=pathway, reason__contains="Amira").count() == 0
    changes = PersonChange.objects.filter(person=person)
    assert {(c.old_value, c.new_value) for c in changes} == {("", "")}
    assert "phone" in {c.field for c in changes}
    # The file itself stays, with its status and dates, for the statistics.
    kept = Pathway.objects.get(pk=pathway.pk)
    assert (kept.status, kept.closed_on, kept.referred_on) == (
        Status.COMPLETED,
        CLOSED_ON,
        pathway.referred_on,
    )


def test_the_day_the_period_ends_the_file_is_kept_and_the_day_after_it_goes(
    cimb: Centre,
) -> None:
    pathway = _closed(Status.NOT_CONCERNED)
    assert retention_sweep(today=date(2028, 6, 1)).people == 0
    assert Person.objects.get(pk=pathway.person_id).anonymised_on is None
    assert retention_sweep(today=date(2028, 6, 2)).people == 1


def test_an_open_file_is_never_touched_even_beside_an_expired_one(cimb: Centre) -> None:
    open_only = make_pathway(family_name="Ouvert", national_number="")
    closed = _closed(Status.WITHDRAWN, family_name="Double", national_number="")
    make_pathway(family_name="Double", national_number="", new_person=False)  # reopened
    Pathway.objects.filter(person=closed.person).exclude(pk=closed.pk).update(
        status=Status.IN_TRAINING
    )
    assert retention_sweep(today=date(2045, 1, 1)).people == 0
    for pk in (open_only.person_id, closed.person_id):
        person = Person.objects.get(pk=pk)
        assert person.anonymised_on is None
        assert person.family_name
    assert HealthNote.objects.get(pathway=closed).notes == "diabète"


def test_a_closed_file_without_its_closing_date_is_kept(cimb: Centre) -> None:
    pathway = _closed(Status.WAIVED, closed_on=None)
    assert retention_sweep(today=date(2045, 1, 1)).people == 0
    assert Person.objects.get(pk=pathway.person_id).anonymised_on is None


def test_the_statistics_figures_do_not_change(cimb: Centre) -> None:
    _closed(Status.COMPLETED)
    _closed(Status.NOT_CONCERNED, family_name="Autre", national_number="", sex="M")
    make_pathway(family_name="Ouverte", national_number="", birth_date=date(1990, 12, 31))
    before = _figures()
    assert retention_sweep(today=AFTER_CERTIFICATE).people == 2
    assert _figures() == before


def test_a_dry_run_lists_counts_and_file_numbers_without_names_and_changes_nothing(
    cimb: Centre,
) -> None:
    pathway = _closed(Status.COMPLETED)
    out = StringIO()
    call_command("retention", "--dry-run", "--on", "2036-06-02", stdout=out)
    text = out.getvalue()
    assert "1 person(s) would be anonymised (last file completed: 1)" in text
    assert f"files: {pathway.pk}" in text
    assert "Hassan" not in text and "Amira" not in text
    person = Person.objects.get(pk=pathway.person_id)
    assert person.anonymised_on is None and person.family_name == "Al-Hassan"
    assert HealthNote.objects.get(pathway=pathway).notes == "diabète"


def test_the_sweep_anonymises_once_and_a_second_run_changes_nothing(
    cimb: Centre, caplog: pytest.LogCaptureFixture
) -> None:
    pathway = _closed(Status.COMPLETED)
    out = StringIO()
    with caplog.at_level(logging.INFO, logger="parcours.casework.retention"):
        call_command("sweep", "--on", "2036-06-02", stdout=out)
    assert "1 person(s) anonymised (retention)" in out.getvalue()
    assert "retention: 1 people anonymised (completed: 1)" in caplog.text
    assert "Hassan" not in caplog.text and "85073003328" not in caplog.text
    out = StringIO()
    call_command("sweep", "--on", "2036-06-03", stdout=out)
    assert "0 person(s) anonymised" in out.getvalue()
    assert Person.objects.get(pk=pathway.person_id).anonymised_on == AFTER_CERTIFICATE


def test_an_anonymised_person_is_matched_by_no_new_referral(cimb: Centre) -> None:
    pathway = _closed(Status.COMPLETED)
    retention_sweep(today=AFTER_CERTIFICATE)
    fields = person_fields(birth_date=date(1985, 1, 1), family_name="", given_names="")
    assert person_match(fields=fields).exact is None
    again = person_match(fields=person_fields(birth_date=date(1985, 1, 1)))
    assert again.exact is None and not again.probable
    assert make_pathway().person_id != pathway.person_id


def test_the_certificate_of_an_anonymised_holder_still_verifies_without_the_name(
    cimb: Centre,
) -> None:
    pathway = _closed(Status.COMPLETED)
    _certificate(pathway)
    retention_sweep(today=AFTER_CERTIFICATE)
    check = certificate_verify("c0de")
    assert check.valid and check.holder_name == "" and check.number == "CIMB-2026-00001"
    assert certificate_verify_number("CIMB-2026-00001", date(1985, 7, 30)).valid


def test_a_tampered_certificate_stays_refused_after_anonymisation(cimb: Centre) -> None:
    pathway = _closed(Status.COMPLETED)
    certificate = _certificate(pathway)
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="Someone Else")
    retention_sweep(today=AFTER_CERTIFICATE)
    assert not certificate_verify("c0de").valid


def _text_columns() -> set[str]:
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        for f in model._meta.concrete_fields:
            textual = isinstance(f, models.CharField | models.TextField | models.JSONField)
            if (textual or isinstance(f, models.FileField)) and not f.choices:
                found.add(f"{model._meta.label_lower}.{f.name}")
    return found


def test_every_text_column_about_a_person_is_blanked_or_kept_on_purpose() -> None:
    blanked = {f"{m._meta.label_lower}.{name}" for m, _path, b in BLANKED for name in b}
    blanked |= {f"people.person.{name}" for name in PERSON_BLANKS}
    blanked |= {f"appointments.bookingintake.{name}" for name in INTAKE_BLANKS}
    # Tables that hold no one's personal data (reference, calendars, secrets, keys).
    unrelated = (
        "appointments.room.",
        "appointments.presenter.",
        "pathways.documenttemplate.",
        "appointments.closingday.",
        "appointments.resourcehold.",
        "appointments.interpreterprovider.",
        "appointments.interpreter.",
        "appointments.collectivesession.",
        "appointments.delivery.",
        "appointments.calendarfeed.",
        "pathways.referralkey.",
        "pathways.importjob.",
        "pathways.pathway.worklist_task",
        "training.partner.",
        "training.offer.",
        "audit.statisticsexport.",
        "people.spacecode.",
        "certificates.certificate.code",
        "certificates.certificate.signature",
        "appointments.appointment.token_digest",
        "appointments.seat.token_digest",
    )
    left = {
        c
        for c in _text_columns() - blanked - KEPT
        if not c.startswith(unrelated) and not c.endswith(".id")
    }
    assert left == set()


def test_the_public_check_of_an_anonymised_holder_s_certificate_shows_no_name(
    client: Client, cimb: Centre
) -> None:
    pathway = _closed(Status.COMPLETED)
    _certificate(pathway)
    retention_sweep(today=AFTER_CERTIFICATE)
    page = client.get("/verify/c0de/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-verify="valid"' in text and "CIMB-2026-00001" in text
    assert "nom effacé" in text and "Hassan" not in text and "HASSAN" not in text


def test_an_anonymised_person_is_found_by_no_search(cimb: Centre, agent_mons: User) -> None:
    pathway = _closed(Status.COMPLETED)
    assert list(people_search(user=agent_mons, query="30/07/1985")) == [pathway.person]
    retention_sweep(today=AFTER_CERTIFICATE)
    for query in ("01/01/1985", "30/07/1985", "Al-Hassan", "85073003328"):
        assert list(people_search(user=agent_mons, query=query)) == []


def _queries_for(people: int, today: date) -> int:
    for i in range(people):
        _closed(Status.WITHDRAWN, family_name=f"P{i}", national_number="")
    with CaptureQueriesContext(connection) as captured:
        assert retention_sweep(today=today).people == people
    return len(captured.captured_queries)


def test_the_sweep_is_set_based_its_queries_do_not_grow_with_the_people(cimb: Centre) -> None:
    few = _queries_for(2, date(2035, 1, 1))
    # The first ones are anonymised already: the second run selects only the new ones.
    many = _queries_for(12, date(2036, 1, 1))
    assert many == few


@override_settings(TASKS=DB_TASKS, TASK_RESULTS_KEPT_DAYS=30)
def test_finished_task_results_past_their_days_are_deleted_and_waiting_ones_kept() -> None:
    """A finished task's arguments may hold an e-mail address: kept 30 days, then deleted;
    a task still waiting is never touched. The dry run counts without deleting."""
    for key in ("old", "recent", "waiting"):
        send_email.enqueue(
            subject="s", body=seal("b"), to=["a@example.org"], reply_to=[], attachments=[], key=key
        )
    rows = {r.args_kwargs["kwargs"]["key"]: r.pk for r in DBTaskResult.objects.all()}
    now = timezone.now()
    for key, age in (("old", timedelta(days=31)), ("recent", timedelta(days=29))):
        DBTaskResult.objects.filter(pk=rows[key]).update(
            status="SUCCESSFUL", finished_at=now - age, started_at=now - age
        )
    today = timezone.localdate()
    assert retention_preview(today=today).task_results == 1
    assert DBTaskResult.objects.count() == 3
    assert retention_sweep(today=today).task_results == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        rows["recent"],
        rows["waiting"],
    }
