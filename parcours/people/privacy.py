"""The privacy notice (GDPR art. 13 and 14) and the person's acknowledgement of it. The
notice's text is the public page `/privacy/` (public.views.pages); its version changes
whenever that text changes in substance, and an acknowledgement records the version read."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.people.models import Person, PrivacyAcknowledgement

# The notice's version: the date its text was last changed in substance.
NOTICE_VERSION = "2026-12-01"

Channel = PrivacyAcknowledgement.Channel


def privacy_acknowledge(
    *, person: Person, language: str, channel: Channel, now: datetime, actor: User | None
) -> PrivacyAcknowledgement:
    """`actor`: the staff member who gave the notice (welcome module), None when the person
    acknowledged it in their own space."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the languages of the notice."))
    if person.anonymised_on is not None:
        raise DomainError(_("This person's data was anonymised."))
    with transaction.atomic():
        return PrivacyAcknowledgement.objects.create(
            person=person,
            version=NOTICE_VERSION,
            language=language,
            channel=channel,
            recorded_by=actor,
            acknowledged_at=now,
        )


def privacy_current(person: Person) -> PrivacyAcknowledgement | None:
    """The person's acknowledgement of the notice's current version, if any."""
    found = PrivacyAcknowledgement.objects.filter(person=person, version=NOTICE_VERSION)
    return found.order_by("-acknowledged_at", "-id").first()
