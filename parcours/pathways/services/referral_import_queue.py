"""Queues the background commit of a long referral list (the task runs `import_job_run`)."""

from datetime import date

from django.db import transaction

from parcours.accounts.models import User
from parcours.pathways.models import ImportJob
from parcours.pathways.referral_rows import count_rows
from parcours.pathways.services.referral_import import import_load
from parcours.pathways.tasks import import_referrals
from parcours.territory.models import Commune


@transaction.atomic
def import_job_start(
    *, token: str, referring_commune: Commune, referred_on: date, actor: User
) -> ImportJob:
    """Queue the commit; starting the same import twice returns the job already queued."""
    total = count_rows(import_load(token=token, user=actor))
    job, created = ImportJob.objects.get_or_create(
        token=token,
        defaults={
            "user": actor,
            "referring_commune": referring_commune,
            "referred_on": referred_on,
            "total": total,
        },
    )
    if created:
        transaction.on_commit(lambda: import_referrals.enqueue(job.pk))
    return job
