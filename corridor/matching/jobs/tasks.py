"""Background task for matching jobs: a thin wrapper around ``services.job_execute``.

The backend is ``immediate`` in demo and tests (the job runs inside the request) and
``database`` in production (a ``db_worker`` process picks it up once the request commits).
"""

from __future__ import annotations

from django_tasks import task

from corridor.matching.jobs import services


@task()
def run_match_job(*, job_uuid: str, user_id: int, membership_id: int | None) -> str:
    actor = services.worker_actor(user_id=user_id, membership_id=membership_id)
    job = services.job_execute(actor=actor, job_uuid=job_uuid)
    return str(job.status)
