"""Background tasks (django-tasks, database backend); thin: they call services."""

from django_tasks import task

from parcours.pathways.services.referral_import import import_job_run


@task()
def import_referrals(job_id: int) -> int:
    return import_job_run(job_id=job_id)
