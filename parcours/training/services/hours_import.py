"""All-or-nothing commit of a checked hours file. The file waits between the dry run and the
commit under a name only its uploader can open (parcours.pathways.services.referral_import)."""

from datetime import date

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.services.referral_import import _path, import_load
from parcours.training.enums import AttendanceSource
from parcours.training.hours_rows import hours_check
from parcours.training.models import Enrolment
from parcours.training.services.attendance import Recorded, attendance_record


@transaction.atomic
def hours_import_commit(
    *, token: str, enrolments: list[Enrolment], actor: User, today: date
) -> Recorded:
    report = hours_check(import_load(token=token, user=actor), enrolments=enrolments, today=today)
    if not report.ok:
        raise DomainError(_("The file has errors: nothing was recorded."))
    recorded = attendance_record(
        cells=report.cells,
        enrolments={e.pk: e for e in enrolments},
        source=AttendanceSource.CSV,
        actor=actor,
        today=today,
    )
    transaction.on_commit(lambda: default_storage.delete(_path(actor, token)))
    return recorded
