"""Upload, validation outcome and the approval workflow, with who may act."""

from __future__ import annotations

import pytest

from corridor.audit.models import AuditEvent
from corridor.core.errors import Conflict, Forbidden
from corridor.statistics import services
from corridor.statistics.models import Observation, Submission, SubmissionStatus
from corridor.statistics.tests.factories import secretariat, sex_cells, statistician, upload

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_valid_upload_is_validated_and_stored():
    # given
    kgz = statistician("KGZ")
    # when
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    # then
    assert (submission.status, submission.error_count, submission.observation_count) == (S.VALIDATED, 0, 3)
    assert Observation.objects.filter(submission=submission).count() == 3
    assert list(submission.events.values_list("to_status", flat=True)) == [S.DRAFT, S.SUBMITTED, S.VALIDATED]
    assert (
        AuditEvent.objects.filter(
            action="statistics_submission.uploaded", target_uuid=submission.uuid
        ).count()
        == 1
    )


def test_upload_with_errors_keeps_only_the_report():
    kgz = statistician("KGZ")
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(100, 50, 70))
    assert submission.status == S.DRAFT
    errors = [i["rule"] for i in submission.report["issues"] if i["level"] == "error"]
    assert errors == ["total_mismatch"]
    assert Observation.objects.filter(submission=submission).count() == 0


def test_full_workflow_and_roles():
    kgz, regional = statistician("KGZ"), secretariat()
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    # a regional officer cannot approve nationally; a national one cannot accept regionally
    with pytest.raises(Forbidden):
        services.submission_approve_national(actor=regional, submission=submission)
    submission = services.submission_approve_national(actor=kgz, submission=submission)
    with pytest.raises(Forbidden):
        services.submission_accept_regional(actor=kgz, submission=submission)
    submission = services.submission_accept_regional(actor=regional, submission=submission)
    assert submission.is_locked
    with pytest.raises(Conflict):
        services.submission_send_back(actor=regional, submission=submission, reason="late")
    submission = services.submission_publish(actor=regional, submission=submission)
    assert submission.status == S.PUBLISHED
    actions = set(AuditEvent.objects.filter(target_uuid=submission.uuid).values_list("action", flat=True))
    assert actions == {
        "statistics_submission.uploaded",
        "statistics_submission.approved_national",
        "statistics_submission.accepted_regional",
        "statistics_submission.published",
    }


def test_other_state_statistician_cannot_approve():
    kgz, tjk = statistician("KGZ"), statistician("TJK")
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    with pytest.raises(Forbidden):
        services.submission_approve_national(actor=tjk, submission=submission)
    assert Submission.objects.unscoped().get(pk=submission.pk).status == S.VALIDATED


def test_send_back_needs_a_reason_and_is_recorded():
    kgz, regional = statistician("KGZ"), secretariat()
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    submission = services.submission_approve_national(actor=kgz, submission=submission)
    with pytest.raises(Exception, match="reason"):
        services.submission_send_back(actor=regional, submission=submission, reason=" ")
    submission = services.submission_send_back(actor=regional, submission=submission, reason="Ages missing")
    assert submission.status == S.DRAFT
    assert submission.events.last().reason == "Ages missing"


def test_correction_is_a_new_vintage_and_earlier_stays_queryable():
    from corridor.statistics.tests.factories import published

    first = published("KGZ", "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    second = published("KGZ", "DF_WORK_PERMIT", sex_cells(130, 60, 70))
    assert (first.vintage, second.vintage) == (1, 2)
    public = Observation.objects.filter(state_id="KGZ", is_public=True, key="UZB._T._T._T._T._T._T")
    assert list(public.values_list("published_value", flat=True)) == [130]
    old = Observation.objects.get(submission=first, key="UZB._T._T._T._T._T._T")
    assert (old.published_value, old.is_released, old.is_public) == (120, True, False)
