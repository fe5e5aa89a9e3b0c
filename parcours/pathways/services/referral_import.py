"""All-or-nothing commit of a checked referral list (CSV); the file waits in storage between
the dry run and the commit, under a name only its uploader can open. Short lists are
committed in the request; long ones by a background task (django-tasks) that reports its
progress on an `ImportJob` row the page polls."""

import csv
import io
import re
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError, NotFoundError
from parcours.core.tokens import token_new
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import ImportJob
from parcours.pathways.referral_rows import ImportReport, Progress, Row, count_rows, import_check
from parcours.pathways.services.bulk import BulkReferrals, referrals_bulk_register
from parcours.territory.models import Commune

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Longer lists go to the background worker (a product choice: a request stays short).
BACKGROUND_ROWS = 500
Phase = ImportJob.Phase


def _path(user: User, token: str) -> str:
    if not _TOKEN.match(token):
        raise NotFoundError(_("This import does not exist."))
    return f"imports/{user.pk}-{token}.csv"


def import_stage(*, content: bytes, user: User) -> str:
    token = token_new(18)
    default_storage.save(_path(user, token), ContentFile(content))
    return token


def import_load(*, token: str, user: User) -> bytes:
    path = _path(user, token)
    if not default_storage.exists(path):
        raise NotFoundError(_("This import does not exist."))
    with default_storage.open(path, "rb") as handle:
        data: bytes = handle.read()
    return data


def _rest_path(user: User, token: str) -> str:
    return _path(user, token).removesuffix(".csv") + "-rest.csv"


def _rest_csv(report: ImportReport, rows: list[Row]) -> bytes:
    """The rows left out, as the commune sent them, with the reason of each."""
    buffer = io.StringIO()
    columns = [*report.columns, "erreur"]
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        reason = row.error or _("confirm whether this is a person already known")
        writer.writerow({**row.raw, "erreur": reason})
    return buffer.getvalue().encode("utf-8-sig")


def import_commit(
    *,
    token: str,
    referring_commune: Commune,
    referred_on: date,
    actor: User,
    progress: Progress | None = None,
    writing: Progress | None = None,
    choices: dict[int, int | None] | None = None,
    valid_only: bool = False,
) -> int:
    """Check the whole file again, then record every row in one transaction, or nothing.
    `choices` answers the rows that probably are a known person (by line: the person's key,
    or None for "another person"). With `valid_only`, the rows with an error or an unanswered
    match are left out and kept as a file for `import_rest` (the rest to correct)."""
    content = import_load(token=token, user=actor)
    report = import_check(content, centre=actor.centre, progress=progress)
    answers = choices or {}
    if report.error or not report.rows:
        raise DomainError(_("The file has errors: nothing was imported."))
    unanswered = [row for row in report.to_confirm if row.line not in answers]
    left = [row for row in report.rows if row.error] + unanswered
    if left and not valid_only:
        if report.errors:
            raise DomainError(_("The file has errors: nothing was imported."))
        raise DomainError(
            _("Say for each row marked “already known?” whether it is the same person.")
        )
    kept = [row for row in report.rows if row not in left]
    if not kept:
        raise DomainError(_("No row of this file can be imported."))
    if writing is not None:
        writing(len(kept))
    data = BulkReferrals(
        rows=[row.fields for row in kept],
        commune=referring_commune,
        referred_on=referred_on,
        source=ReferralSource.CSV,
        batch=token,
        choices={i: answers[row.line] for i, row in enumerate(kept) if row.line in answers},
    )
    with transaction.atomic():
        count = referrals_bulk_register(data=data, actor=actor)
        if left:
            rest = _rest_csv(report, sorted(left, key=lambda row: row.line))
            default_storage.save(_rest_path(actor, token), ContentFile(rest))
        transaction.on_commit(lambda: default_storage.delete(_path(actor, token)))
    return count


def import_has_rest(*, token: str, user: User) -> bool:
    return default_storage.exists(_rest_path(user, token))


def import_rest(*, token: str, user: User) -> bytes:
    """The rows a partial import left out, as a CSV file to correct and send again."""
    path = _rest_path(user, token)
    if not default_storage.exists(path):
        raise NotFoundError(_("This import does not exist."))
    with default_storage.open(path, "rb") as handle:
        data: bytes = handle.read()
    return data


def import_needs_background(*, token: str, user: User) -> bool:
    return count_rows(import_load(token=token, user=user)) > BACKGROUND_ROWS


def _set(job: ImportJob, **values: object) -> None:
    ImportJob.objects.filter(pk=job.pk).update(**values)


def import_job_run(*, job_id: int) -> int:
    """The background commit. Idempotent: a job already past its queue is not run again."""
    started = ImportJob.objects.filter(pk=job_id, phase=Phase.QUEUED).update(phase=Phase.CHECKING)
    if not started:
        return 0
    job = ImportJob.objects.select_related("user", "referring_commune").get(pk=job_id)
    try:
        count = import_commit(
            token=job.token,
            referring_commune=job.referring_commune,
            referred_on=job.referred_on,
            actor=job.user,
            progress=lambda n: _set(job, checked=n),
            writing=lambda n: _set(job, checked=n, total=n, phase=Phase.WRITING),
        )
    except DomainError as error:
        _set(job, phase=Phase.FAILED, error=str(error.message), finished_at=timezone.now())
        return 0
    except Exception:
        _set(job, phase=Phase.FAILED, error=_("Unexpected error."), finished_at=timezone.now())
        raise
    _set(job, phase=Phase.DONE, imported=count, checked=F("total"), finished_at=timezone.now())
    return count
