"""Matching jobs run as background tasks: status, progress, failure, one active job per state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import Membership
from corridor.audit.models import AuditEvent
from corridor.core.errors import Conflict, Forbidden
from corridor.matching.jobs import scoring, services
from corridor.matching.jobs.tasks import run_match_job
from corridor.matching.models import JobStatus, MatchCandidate, MatchJob

pytestmark = [pytest.mark.django_db]


def _queued(user, **fields):
    return MatchJob.objects.create(
        state_id=actor_for(user).state, kind="registration_dedupe", created_by=user, threshold=0.2, **fields
    )


def test_a_submitted_job_runs_as_a_task_and_ends_done_at_full_progress(kgz_consul, registry, fake_scores):
    # given the engine scores the two registrations of one man at 0.97
    calls = fake_scores([(registry[0], registry[1], 0.97)])
    # when an officer submits a job (the immediate backend runs the task at once)
    job = services.job_submit(actor=actor_for(kgz_consul))
    # then the job went through the task, read the five registrations and stored the pair
    assert (job.status, job.progress, job.failure, job.records_count) == (JobStatus.DONE, 100, "", 5)
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert len(calls) == 1 and len(calls[0]["records"]) == 5
    assert MatchCandidate.objects.unscoped().get(job=job).probability == 0.97
    actions = list(
        AuditEvent.objects.filter(target_uuid=job.uuid).order_by("seq").values_list("action", flat=True)
    )
    assert actions == ["match_job.created", "match_job.completed"]


def test_the_task_wrapper_only_rebuilds_the_actor_and_calls_the_service(kgz_consul, registry, fake_scores):
    # given a queued job, as the database backend leaves it until a worker picks it up
    fake_scores([])
    job = _queued(kgz_consul)
    # when the task body runs, as a worker would run it
    status = run_match_job.call(job_uuid=str(job.uuid), user_id=kgz_consul.pk, membership_id=None)
    # then the job is done
    assert status == "done"
    assert MatchJob.objects.unscoped().get(pk=job.pk).status == JobStatus.DONE


def test_an_engine_error_leaves_the_job_failed_with_a_translated_message(
    client, kgz_consul, registry, monkeypatch
):
    # given the engine breaks
    def broken(records, **kwargs):
        raise RuntimeError("duckdb went away")

    monkeypatch.setattr(scoring, "score_records", broken)
    # when a job is submitted
    job = services.job_submit(actor=actor_for(kgz_consul))
    # then it is failed, audited, has no candidates, and its page says why in the officer's language
    assert (job.status, job.failure) == (JobStatus.FAILED, "engine")
    assert not MatchCandidate.objects.unscoped().filter(job=job).exists()
    assert AuditEvent.objects.get(action="match_job.failed", target_uuid=job.uuid).data == {
        "failure": "engine"
    }
    client.force_login(kgz_consul)
    page = client.get(f"/ru/matching/jobs/{job.uuid}/").content.decode()
    assert "Сопоставление остановилось из-за ошибки" in page


def test_a_second_job_of_the_same_state_is_refused_while_one_is_active(kgz_consul, kgz_colleague, registry):
    # given a colleague's job is queued
    _queued(kgz_colleague)
    # when the officer submits another
    with pytest.raises(Conflict) as refused:
        services.job_submit(actor=actor_for(kgz_consul))
    # then it is refused with a clear message and nothing is added
    assert "already queued or running" in str(refused.value)
    assert MatchJob.objects.unscoped().filter(state_id="KGZ").count() == 1


def test_the_page_shows_the_refusal_and_adds_no_job(client, kgz_consul, registry):
    _queued(kgz_consul, status=JobStatus.RUNNING)
    client.force_login(kgz_consul)
    response = client.post(reverse("matching:job_run"), follow=True)
    assert "A matching job of your state is already queued or running." in response.content.decode()
    assert MatchJob.objects.unscoped().count() == 1


def test_another_states_active_job_does_not_block(kgz_consul, tur_consul, registry, fake_scores):
    fake_scores([])
    _queued(tur_consul)
    job = services.job_submit(actor=actor_for(kgz_consul))
    assert job.status == JobStatus.DONE


def test_a_job_stuck_for_hours_is_abandoned_so_the_state_can_run_again(kgz_consul, registry, fake_scores):
    # given a job left "running" three hours ago by a worker that died
    fake_scores([])
    stuck = _queued(kgz_consul, status=JobStatus.RUNNING)
    MatchJob.objects.unscoped().filter(pk=stuck.pk).update(
        created_at=stuck.created_at - dt.timedelta(hours=3)
    )
    # when the officer submits a new job
    job = services.job_submit(actor=actor_for(kgz_consul))
    # then the stuck one is failed as stale and the new one ran
    stuck.refresh_from_db()
    assert (stuck.status, stuck.failure) == (JobStatus.FAILED, "stale")
    assert job.status == JobStatus.DONE


def test_a_running_job_page_polls_its_status_and_shows_progress(client, kgz_consul):
    # given a running job at 40 %
    job = _queued(kgz_consul, status=JobStatus.RUNNING, progress=40)
    client.force_login(kgz_consul)
    # when the officer opens it, and the page polls the status fragment
    page = client.get(job.get_absolute_url()).content.decode()
    fragment = client.get(reverse("matching:job_status", kwargs={"uuid": job.uuid})).content.decode()
    # then both show the progress and keep polling
    status_url = reverse("matching:job_status", kwargs={"uuid": job.uuid})
    for html in (page, fragment):
        assert '<progress id="job-progress" max="100" value="40">' in html
        assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 2s"' in html


def test_a_finished_jobs_fragment_stops_polling_and_links_the_results(client, kgz_consul):
    job = _queued(kgz_consul, status=JobStatus.DONE, progress=100)
    client.force_login(kgz_consul)
    fragment = client.get(reverse("matching:job_status", kwargs={"uuid": job.uuid})).content.decode()
    assert "hx-get" not in fragment and "<progress" not in fragment
    assert "The job has finished: show the results" in fragment


def test_another_states_officer_cannot_poll_a_job(client, tur_consul, kgz_consul):
    job = _queued(kgz_consul)
    client.force_login(tur_consul)
    assert client.get(reverse("matching:job_status", kwargs={"uuid": job.uuid})).status_code == 404


def test_the_database_backend_leaves_the_job_queued_for_a_worker(settings, kgz_consul, registry):
    # given the production backend
    # (the settings fixture signals the change, and django-tasks rebuilds its backends)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # when a job is submitted
    job = services.job_submit(actor=actor_for(kgz_consul))
    # then it waits, queued, with one task row naming it
    assert (job.status, job.progress) == (JobStatus.QUEUED, 0)
    task = DBTaskResult.objects.get()
    assert task.task_path == "corridor.matching.jobs.tasks.run_match_job"
    assert task.args_kwargs["kwargs"]["job_uuid"] == str(job.uuid)


def test_a_job_whose_submitter_lost_the_role_fails_instead_of_blocking_the_state(kgz_consul, registry):
    # given a queued job, and its officer no longer a consular officer when the worker starts it
    job = _queued(kgz_consul)
    Membership.objects.filter(user=kgz_consul).update(roles=[roles.LABOUR_OFFICER])
    # when the worker runs the task
    with pytest.raises(Forbidden):
        run_match_job.call(job_uuid=str(job.uuid), user_id=kgz_consul.pk, membership_id=None)
    # then the job is failed, with its reason, and nothing was scored
    job.refresh_from_db()
    assert (job.status, job.failure, job.records_count) == (JobStatus.FAILED, "refused", 0)
    assert not MatchCandidate.objects.unscoped().filter(job=job).exists()


def test_a_job_finished_before_calibration_existed_still_opens(client, kgz_consul):
    # given a job stored before migration 0003 (done, no calibration recorded)
    job = _queued(kgz_consul, status=JobStatus.DONE, progress=100)
    client.force_login(kgz_consul)
    # when it is opened, then the page shows it without a calibration section
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert "Automatic linking" not in response.content.decode()
