"""All-or-nothing commit of a checked referral list (CSV); the file waits in storage between
the dry run and the commit, under a name only its uploader can open."""

import re
import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError, NotFoundError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.imports import import_check
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.territory.models import Commune

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _path(user: User, token: str) -> str:
    if not _TOKEN.match(token):
        raise NotFoundError(_("This import does not exist."))
    return f"imports/{user.pk}-{token}.csv"


def import_stage(*, content: bytes, user: User) -> str:
    token = secrets.token_urlsafe(18)
    default_storage.save(_path(user, token), ContentFile(content))
    return token


def import_load(*, token: str, user: User) -> bytes:
    path = _path(user, token)
    if not default_storage.exists(path):
        raise NotFoundError(_("This import does not exist."))
    with default_storage.open(path, "rb") as handle:
        data: bytes = handle.read()
    return data


@transaction.atomic
def import_commit(*, token: str, referring_commune: Commune, referred_on: date, actor: User) -> int:
    content = import_load(token=token, user=actor)
    report = import_check(content, centre=actor.centre)
    if not report.ok:
        raise DomainError(_("The file has errors: nothing was imported."))
    territory = DatabaseTerritory()
    for row in report.rows:
        data = ReferralInput(
            person=row.fields,
            commune=referring_commune,
            referred_on=referred_on,
            source=ReferralSource.CSV,
        )
        referral_register(data=data, actor=actor, batch=token, territory=territory)
    transaction.on_commit(lambda: default_storage.delete(_path(actor, token)))
    return len(report.rows)
