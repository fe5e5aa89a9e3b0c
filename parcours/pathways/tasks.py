"""Background tasks (django-tasks, database backend); thin: they call services."""

from typing import Any

from django_tasks import task
from django_tasks.base import TaskResult, TaskResultStatus

from parcours.pathways.services.referral_import import import_job_abandon, import_job_run


@task()
def import_referrals(job_id: int) -> int:
    return import_job_run(job_id=job_id)


def import_task_finished(sender: object, task_result: "TaskResult[Any]", **kwargs: Any) -> None:
    """Connected to django-tasks' `task_finished` (PathwaysConfig.ready): an import task that
    failed for good leaves its job failed, never "checking" for ever."""
    if (
        task_result.status == TaskResultStatus.FAILED
        and task_result.task.name == "import_referrals"
    ):
        import_job_abandon(job_id=int(task_result.args[0]))
