"""Per-cell outlier comments: each flag needs its own comment before national approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.core.errors import ApplicationError
from corridor.statistics import services
from corridor.statistics.models import Observation, SubmissionStatus
from corridor.statistics.tests.factories import published, sex_cells, statistician, upload

pytestmark = pytest.mark.django_db
S = SubmissionStatus
FLAGGED = [
    ("2023", "UZB._T._T._T._T._T._T"),
    ("2023", "UZB.F._T._T._T._T._T"),
    ("2023", "UZB.M._T._T._T._T._T"),
]


@pytest.fixture
def flagged():
    """KGZ work permits: 100 accepted for 2022, then 1,000 sent for 2023 (three outliers)."""
    published("KGZ", "DF_WORK_PERMIT", sex_cells(100, 40, 60, period="2022"))
    submission = upload(statistician("KGZ"), "DF_WORK_PERMIT", sex_cells(1000, 400, 600, period="2023"))
    assert submission.flag_count == 3
    return submission


def test_flags_name_their_cells(flagged):
    assert flagged.flagged_cells() == FLAGGED
    assert [f["rule"] for f in flagged.report["flags"]] == ["outlier_ratio"] * 3


def test_approval_refused_until_every_flag_has_its_own_comment(flagged):
    # given
    kgz = statistician("KGZ")
    # when only two of three flagged cells are explained
    with pytest.raises(ApplicationError) as refused:
        services.submission_approve_national(
            actor=kgz,
            submission=flagged,
            comment="checked",
            flag_comments={FLAGGED[0]: "new agreement with UZB", FLAGGED[1]: "same"},
        )
    # then nothing changes, and the message counts the missing comment
    assert str(refused.value.message) == (
        "1 cell flagged as an outlier has no comment; explain it or correct the file."
    )
    flagged.refresh_from_db()
    assert flagged.status == S.VALIDATED
    assert set(Observation.objects.filter(submission=flagged).values_list("comment", flat=True)) == {""}
    # when each is explained
    approved = services.submission_approve_national(
        actor=kgz, submission=flagged, flag_comments={cell: f"reason {i}" for i, cell in enumerate(FLAGGED)}
    )
    # then
    assert approved.status == S.APPROVED_NATIONAL
    comments = dict(
        ((p, k), c)
        for p, k, c in Observation.objects.filter(submission=flagged).values_list(
            "time_period", "key", "comment"
        )
    )
    assert comments == {cell: f"reason {i}" for i, cell in enumerate(FLAGGED)}


def test_a_comment_on_an_unflagged_cell_or_a_formula_is_refused(flagged):
    kgz = statistician("KGZ")
    with pytest.raises(ApplicationError):
        services.submission_approve_national(
            actor=kgz, submission=flagged, flag_comments={("2023", "TJK"): "x"}
        )
    with pytest.raises(ApplicationError):
        services.submission_approve_national(
            actor=kgz, submission=flagged, flag_comments=dict.fromkeys(FLAGGED, "=HYPERLINK(1)")
        )
    flagged.refresh_from_db()
    assert flagged.status == S.VALIDATED


def test_page_lists_flagged_cells_and_keeps_typed_comments_on_refusal(client, user_factory, flagged):
    # given
    client.force_login(user_factory("KGZ", roles.STATISTICIAN, username="kgz-page"))
    detail = client.get(flagged.get_absolute_url()).content.decode()
    assert 'name="flag-0"' in detail and "Comment on UZB.F._T._T._T._T._T, 2023" in detail
    url = reverse("statistics:submission-action", args=[flagged.uuid, "approve"])
    # when one comment is missing
    refused = client.post(url, {"flag-0": "explained", "flag-1": "", "flag-2": "also"})
    # then the page answers 400 with the typed comments and the message
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "explained</textarea>" in text and "1 cell flagged as an outlier has no comment" in text
    # when all are given
    done = client.post(url, {"flag-0": "a", "flag-1": "b", "flag-2": "c"})
    assert done.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == S.APPROVED_NATIONAL


def test_api_lists_flags_and_takes_their_comments(client, user_factory, flagged):
    client.force_login(user_factory("KGZ", roles.STATISTICIAN, username="kgz-api"))
    body = client.get(f"/api/v1/statistics/submissions/{flagged.uuid}/").json()
    assert body["flags"] == [{"period": p, "key": k, "comment": ""} for p, k in FLAGGED]
    url = f"/api/v1/statistics/submissions/{flagged.uuid}/approve/"
    refused = client.post(url, {"flag_comments": []}, content_type="application/json")
    assert refused.status_code == 400
    payload = {"flag_comments": [{"period": p, "key": k, "comment": "ok"} for p, k in FLAGGED]}
    assert client.post(url, payload, content_type="application/json").json()["status"] == "approved_national"


def test_outsider_cannot_comment_and_changes_nothing(client, user_factory, flagged):
    client.force_login(user_factory("TJK", roles.STATISTICIAN, username="tjk"))
    payload = {"flag_comments": [{"period": p, "key": k, "comment": "mine"} for p, k in FLAGGED]}
    response = client.post(
        f"/api/v1/statistics/submissions/{flagged.uuid}/approve/", payload, content_type="application/json"
    )
    assert response.status_code == 404
    assert client.get(flagged.get_absolute_url()).status_code == 404
    assert not Observation.objects.filter(submission=flagged).exclude(comment="").exists()


def test_too_many_flags_to_comment_one_by_one_are_refused(monkeypatch):
    # given a report that kept only one of its three flags
    from corridor.statistics.validation import engine

    monkeypatch.setattr(engine, "MAX_STORED_FLAGS", 1)
    published("KGZ", "DF_WORK_PERMIT", sex_cells(100, 40, 60, period="2022"))
    kgz = statistician("KGZ")
    submission = upload(kgz, "DF_WORK_PERMIT", sex_cells(1000, 400, 600, period="2023"))
    assert (submission.flag_count, len(submission.flagged_cells())) == (3, 1)
    # when its one listed flag is explained, approval is still refused
    with pytest.raises(ApplicationError) as refused:
        services.submission_approve_national(
            actor=kgz, submission=submission, flag_comments={FLAGGED[0]: "x"}
        )
    assert str(refused.value.message) == (
        "3 cells are flagged as outliers, too many to explain one by one; correct the file."
    )
    submission.refresh_from_db()
    assert submission.status == S.VALIDATED
