"""CSV import of a commune's list: dry run, errors per line, all-or-nothing commit."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import Decision, ImportJob, Pathway, PathwayEvent, Referral
from parcours.pathways.referral_rows import column_label, import_check
from parcours.pathways.services.referral_import import (
    BACKGROUND_ROWS,
    import_commit,
    import_job_run,
    import_stage,
)
from parcours.pathways.services.referral_import_queue import import_job_start
from parcours.people.models import PersonChange
from parcours.territory.models import Centre, Commune
from tests.errors import refused
from tests.factories.people import REFERRED_ON, make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are checked by their English ids (the French catalogue moves)."""
    with translation.override("en"):
        yield


HEADER = (
    "family_name;given_names;birth_date;sex;nationalities;national_number;commune_nis;"
    "registered_on;permit_ordered_on;permit_valid_from;legal_stay_since"
)
GOOD = (
    "Haddad;Yara;02/02/1992;F;SY;85.07.30-033.28;53053;15/01/2026;10/01/2026;2026-01-10;2025-12-01"
)


def _number(index: int) -> str:
    base = 900_101_000 + index
    return f"{base}{97 - base % 97:02d}"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return "\r\n".join([header, *rows]).encode()


def test_a_good_file_with_bom_and_windows_1252_accents_is_read(cimb: Centre) -> None:
    content = "\ufeff" + HEADER + "\r\n" + GOOD.replace("Yara", "Yára")
    for encoded in (content.encode("utf-8"), content[1:].encode("cp1252")):
        report = import_check(encoded, centre=cimb)
        assert report.ok and report.rows[0].fields["given_names"] == "Yára"


def test_commas_and_plain_national_numbers_are_accepted(cimb: Centre) -> None:
    report = import_check(
        _csv(
            GOOD.replace(";", ",").replace("85.07.30-033.28", "85073003328"),
            header=HEADER.replace(";", ","),
        ),
        centre=cimb,
    )
    assert report.ok and report.rows[0].fields["national_number"] == "85073003328"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("02/02/1992", "31/02/1992"), "birth date"),
        (GOOD.replace("85.07.30-033.28", "85.07.30-033.29"), "not a valid national"),
        (GOOD.replace(";SY;", ";XX;"), "Unknown country"),
        (GOOD.replace(";53053;", ";99999;"), "unknown commune"),
        (GOOD.replace(";53053;", ";62063;"), "not served by your centre"),
        (GOOD.replace(";F;", ";Q;"), "sex"),
        (GOOD.replace("Haddad", ""), "family name"),
        (GOOD.replace("02/02/1992", "02/02/2992"), "future"),
    ],
)
def test_each_kind_of_bad_row_gets_its_own_message_with_its_line(
    row: str, message: str, cimb: Centre
) -> None:
    report = import_check(_csv(GOOD, row), centre=cimb)
    assert not report.ok
    assert [r.line for r in report.errors] == [3]
    assert message in report.errors[0].error


def test_the_same_national_number_twice_is_an_error_on_the_second_line(cimb: Centre) -> None:
    report = import_check(_csv(GOOD, GOOD), centre=cimb)
    assert [r.line for r in report.errors] == [3]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (HEADER.encode(), "no rows"),
        (b"name;born\r\nA;B", "Missing columns"),
        (HEADER.encode("utf-16"), "UTF-16"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(
    content: bytes, message: str, cimb: Centre
) -> None:
    report = import_check(content, centre=cimb)
    assert not report.ok and message in report.error


def test_a_file_with_one_bad_row_imports_nothing(agent_mons: User, mons: Commune) -> None:
    token = import_stage(content=_csv(GOOD, GOOD.replace(";F;", ";Q;")), user=agent_mons)
    with pytest.raises(DomainError, match="nothing was imported"):
        import_commit(
            token=token, referring_commune=mons, referred_on=date(2026, 3, 1), actor=agent_mons
        )
    assert not Pathway.objects.exists()


def _rows(count: int) -> bytes:
    return _csv(
        *(
            GOOD.replace("85.07.30-033.28", _number(i)).replace("Haddad", f"Haddad{i}")
            for i in range(count)
        )
    )


def test_ten_thousand_rows_are_checked_in_one_dry_run(agent_mons: User) -> None:
    report = import_check(_rows(10_000), centre=agent_mons.centre)
    assert report.ok and len(report.rows) == 10_000
    assert not Pathway.objects.exists()


def test_a_good_file_is_imported_whole(agent_mons: User, mons: Commune) -> None:
    token = import_stage(content=_rows(300), user=agent_mons)
    count = import_commit(
        token=token, referring_commune=mons, referred_on=date(2026, 3, 1), actor=agent_mons
    )
    assert count == 300 == Pathway.objects.filter(obligation="obligated").count()


def test_ten_thousand_rows_are_committed_whole_with_their_decisions(
    agent_mons: User, mons: Commune
) -> None:
    token = import_stage(content=_rows(10_000), user=agent_mons)
    count = import_commit(
        token=token, referring_commune=mons, referred_on=date(2026, 3, 1), actor=agent_mons
    )
    assert count == 10_000
    assert Pathway.objects.filter(obligation="obligated", agent=agent_mons).count() == 10_000
    assert Decision.objects.filter(is_current=True).count() == 10_000
    assert Referral.objects.filter(batch=token).count() == 10_000
    assert PathwayEvent.objects.count() == 20_000
    assert PersonChange.objects.filter(field="*").count() == 10_000
    first = Pathway.objects.select_related("person").order_by("pk").first()
    assert first is not None and first.present_by == date(2026, 4, 15)
    assert first.certificate_by is not None and first.person.search_text == "haddad0 yara"


def test_the_bulk_commit_matches_the_row_by_row_referral(agent_mons: User, mons: Commune) -> None:
    token = import_stage(content=_rows(1), user=agent_mons)
    import_commit(token=token, referring_commune=mons, referred_on=REFERRED_ON, actor=agent_mons)
    bulk = Pathway.objects.get()
    single = make_pathway(actor=agent_mons, national_number="", family_name="Single")
    columns = ("obligation", "present_by", "certificate_by", "status", "agent_id")
    assert [getattr(bulk, c) for c in columns] == [getattr(single, c) for c in columns]
    kinds = sorted(bulk.events.values_list("kind", flat=True))
    assert kinds == sorted(single.events.values_list("kind", flat=True))


def test_a_known_person_in_a_list_joins_their_file_and_gets_the_new_address(
    agent_mons: User, mons: Commune
) -> None:
    known = make_pathway(
        actor=agent_mons,
        national_number="85073003328",
        given_names="Yara",
        birth_date=date(1992, 2, 2),
    )
    row = GOOD + ";"  # same national number, names and birth date as the known person
    content = _csv(row.rstrip(";"), header=HEADER).replace(b"Haddad", b"Al-Hassan")
    content = content.replace(b"\r\n", b";street\r\n", 1).replace(
        b"2025-12-01", b"2025-12-01;Rue Neuve 5"
    )
    token = import_stage(content=content, user=agent_mons)
    assert (
        import_commit(
            token=token, referring_commune=mons, referred_on=date(2026, 3, 5), actor=agent_mons
        )
        == 1
    )
    assert Pathway.objects.get() == known
    known.person.refresh_from_db()
    assert known.person.street == "Rue Neuve 5"


def test_a_known_national_number_with_another_name_or_birth_date_is_a_row_error(
    agent_mons: User, mons: Commune
) -> None:
    known = make_pathway(actor=agent_mons, national_number="85073003328")
    report = import_check(_csv(GOOD, header=HEADER), centre=agent_mons.centre)
    assert [row.line for row in report.errors] == [2]
    assert "another name or birth date" in report.errors[0].error
    token = import_stage(content=_csv(GOOD, header=HEADER), user=agent_mons)
    with refused("The file has errors: nothing was imported."):
        import_commit(
            token=token, referring_commune=mons, referred_on=date(2026, 3, 5), actor=agent_mons
        )
    known.person.refresh_from_db()
    assert known.person.family_name == "Al-Hassan" and Pathway.objects.count() == 1


def test_a_long_list_is_committed_by_a_background_job_with_its_progress(
    agent_mons: User,
    mons: Commune,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client = client_for(agent_mons)
    token = import_stage(content=_rows(BACKGROUND_ROWS + 1), user=agent_mons)
    preview = reverse("staff:referral_import_preview", args=[token])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(preview, {"commune": mons.pk})
    progress = reverse("staff:referral_import_job", args=[token])
    assert response.status_code == 302 and response["Location"] == progress
    job = ImportJob.objects.get(token=token)
    assert job.phase == ImportJob.Phase.DONE and job.imported == BACKGROUND_ROWS + 1
    assert Pathway.objects.count() == BACKGROUND_ROWS + 1
    page = client.get(progress)
    assert 'data-phase="done"' in page.content.decode() and job.percent == 100
    partial = client.get(progress, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="import-progress"')
    assert import_job_run(job_id=job.pk) == 0  # idempotent: a job runs once


def test_a_running_job_page_polls_and_offers_a_refresh_link(
    agent_mons: User, agent_liege: User, mons: Commune, client_for: ClientFor
) -> None:
    token = import_stage(content=_rows(3), user=agent_mons)
    import_job_start(token=token, referring_commune=mons, referred_on=REFERRED_ON, actor=agent_mons)
    url = reverse("staff:referral_import_job", args=[token])
    html = client_for(agent_mons).get(url).content.decode()
    assert 'hx-trigger="every 2s"' in html and f'href="{url}"' in html
    assert client_for(agent_liege).get(url).status_code == 404


def test_a_job_whose_file_went_bad_fails_and_imports_nothing(
    agent_mons: User, mons: Commune
) -> None:
    token = import_stage(content=_csv(GOOD, GOOD.replace(";F;", ";Q;")), user=agent_mons)
    job = import_job_start(
        token=token, referring_commune=mons, referred_on=REFERRED_ON, actor=agent_mons
    )
    assert import_job_run(job_id=job.pk) == 0
    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.FAILED and "nothing was imported" in job.error
    assert not Pathway.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "fine"),
    [
        ("usual_name", "X" * 151, "Yara"),
        ("permit_kind", "ZZ", "A"),
        ("email", "not-an-email", "yara@example.org"),
        ("postal_code", "700000", "7000"),
        ("permit_valid_until", "01/01/2025", "01/01/2031"),
    ],
)
def test_a_value_the_database_would_refuse_is_a_row_error_with_its_line(
    column: str, value: str, fine: str, agent_mons: User
) -> None:
    other = GOOD.replace("85.07.30-033.28", "")
    content = _csv(f"{GOOD};{value}", f"{other};{fine}", header=f"{HEADER};{column}")
    report = import_check(content, centre=agent_mons.centre)
    assert [row.line for row in report.errors] == [2], report.error
    # The column in words (its label), never the code's field name.
    assert column_label(column) in report.errors[0].error
    assert column not in report.errors[0].error or column == "email"


def test_a_commune_imports_its_list_in_the_web_pages_limited_to_its_own_people(
    commune_mons: User, client_for: ClientFor
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    assert commune_mons.commune is not None
    client = client_for(commune_mons)
    upload = reverse("staff:referral_import")
    charleroi = GOOD.replace(";53053;", ";52011;").replace("85.07.30-033.28", _number(1))
    mons_id = commune_mons.commune.pk
    posted = {
        "file": SimpleUploadedFile("l.csv", _csv(GOOD, charleroi)),
        "referring_commune": mons_id,
    }
    preview = client.post(upload, posted, follow=True)
    errors = [row.error for row in preview.context["report"].rows if row.error]
    assert len(errors) == 1 and "Mons" in errors[0]  # "the person does not live in Mons"
    refused_commit = client.post(preview.redirect_chain[-1][0], {"commune": mons_id})
    assert refused_commit.status_code == 200  # the preview again, with its errors
    assert not Pathway.objects.exists()  # one bad row: nothing
    good = {"file": SimpleUploadedFile("l.csv", _csv(GOOD)), "referring_commune": mons_id}
    preview = client.post(upload, good, follow=True)
    done = client.post(preview.redirect_chain[-1][0], {"commune": mons_id})
    assert done.status_code == 302 and done["Location"] == reverse("staff:commune_people")
    assert Referral.objects.get().commune_id == mons_id


def test_a_job_left_half_checked_by_a_dead_worker_starts_again_and_finishes(
    agent_mons: User, mons: Commune
) -> None:
    """Regression (issue 14): the retried task found the job at "checking" and did nothing,
    so the job stayed at "checking 1000/15000" for good."""
    token = import_stage(content=_rows(3), user=agent_mons)
    job = import_job_start(
        token=token, referring_commune=mons, referred_on=REFERRED_ON, actor=agent_mons
    )
    ImportJob.objects.filter(pk=job.pk).update(phase=ImportJob.Phase.CHECKING, checked=2)
    assert import_job_run(job_id=job.pk) == 3
    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.DONE and Pathway.objects.count() == 3


def test_an_import_task_that_failed_for_good_fails_its_job_with_a_clear_message(
    agent_mons: User, mons: Commune
) -> None:
    from django.test import override_settings  # noqa: PLC0415
    from django_tasks.signals import task_finished  # noqa: PLC0415
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from parcours.core.worker import LeaseExpiredError  # noqa: PLC0415
    from parcours.pathways.tasks import import_referrals  # noqa: PLC0415

    token = import_stage(content=_rows(3), user=agent_mons)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job = import_job_start(
            token=token, referring_commune=mons, referred_on=REFERRED_ON, actor=agent_mons
        )
        import_referrals.enqueue(job.pk)
        result = DBTaskResult.objects.get()
        ImportJob.objects.filter(pk=job.pk).update(phase=ImportJob.Phase.CHECKING)
        result.set_failed(LeaseExpiredError("worker w"))
        task_finished.send(sender=object, task_result=result.task_result)
    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.FAILED and "nothing was imported" in job.error
    assert not Pathway.objects.exists()
