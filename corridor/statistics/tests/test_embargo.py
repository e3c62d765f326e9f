"""Embargo: published figures stay hidden from the public and other states until it passes;
the owner state sees them at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError
from corridor.statistics import selectors, services
from corridor.statistics.models import ProvisionAgreement, Submission
from corridor.statistics.services import dataflow_get
from corridor.statistics.tests.factories import secretariat, sex_cells, statistician, upload

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
CSV = reverse("statistics:flow-csv", args=["DF_WORK_PERMIT"])
SDMX = "/sdmx/2/data/dataflow/ALMATY/DF_WORK_PERMIT/1.0/*"
ROW = "KGZ,UZB,_T,_T,_T,_T,_T,_T,2023,120"


def _publish_kgz(embargo_days: int = 0, embargo_until: dt.datetime | None = None) -> Submission:
    ProvisionAgreement.objects.update_or_create(
        dataflow=dataflow_get("DF_WORK_PERMIT"), provider_id="KGZ", defaults={"embargo_days": embargo_days}
    )
    national, regional = statistician("KGZ"), secretariat()
    submission = upload(national, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    submission = services.submission_approve_national(actor=national, submission=submission)
    submission = services.submission_accept_regional(actor=regional, submission=submission)
    return services.submission_publish(actor=regional, submission=submission, embargo_until=embargo_until)


def _seen_by(client, user=None) -> dict[str, bool]:
    if user is not None:
        client.force_login(user)
    flow = dataflow_get("DF_WORK_PERMIT")
    return {
        "csv": ROW in client.get(CSV).content.decode(),
        "api": client.get("/api/v1/statistics/data/DF_WORK_PERMIT/", {"state": "KGZ"}).json()["count"] > 0,
        "sdmx": "KGZ" in client.get(SDMX, {"format": "csv"}).content.decode(),
        "page": "120"
        in client.get(reverse("statistics:flow", args=["DF_WORK_PERMIT"]) + "?state=KGZ").content.decode(),
        "states": "KGZ" in selectors.states(flow=flow),
    }


def test_agreement_embargo_hides_published_data_until_it_passes(client, user_factory):
    # given a KGZ vintage published under a 3-day embargo
    with time_machine.travel(T0, tick=False):
        submission = _publish_kgz(embargo_days=3)
        # then the public and another state see nothing of it, the owner sees it
        assert submission.embargo_until == T0 + dt.timedelta(days=3)
        assert _seen_by(client) == dict.fromkeys(("csv", "api", "sdmx", "page", "states"), False)
        assert _seen_by(client, user_factory("TJK", roles.STATISTICIAN))["csv"] is False
        client.force_login(user_factory("KGZ", roles.STATISTICIAN, username="kgz-owner"))
        assert ROW in client.get(CSV).content.decode()
        assert selectors.top_citizenships(
            flow=dataflow_get("DF_WORK_PERMIT"), period="2023", viewer_state="KGZ", state="KGZ"
        ) == [("UZB", 120)]
        assert (
            selectors.top_citizenships(
                flow=dataflow_get("DF_WORK_PERMIT"), period="2023", viewer_state="TJK", state="KGZ"
            )
            == []
        )
    client.logout()
    # when the embargo has passed
    with time_machine.travel(T0 + dt.timedelta(days=3, seconds=1), tick=False):
        # then everyone sees it
        assert _seen_by(client) == dict.fromkeys(("csv", "api", "sdmx", "page", "states"), True)


def test_release_time_chosen_at_publication_through_the_api(client, user_factory):
    # given an accepted KGZ vintage
    national, regional = statistician("KGZ"), secretariat()
    with time_machine.travel(T0, tick=False):
        submission = upload(national, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
        submission = services.submission_approve_national(actor=national, submission=submission)
        submission = services.submission_accept_regional(actor=regional, submission=submission)
        client.force_login(user_factory(None, roles.SECRETARIAT, username="sec-api"))
        # when the secretariat publishes with a release time
        body = client.post(
            f"/api/v1/statistics/submissions/{submission.uuid}/publish/",
            {"embargo_until": "2026-03-05T06:00:00Z"},
            content_type="application/json",
        ).json()
        # then
        assert (body["status"], body["embargo_until"]) == ("published", "2026-03-05T06:00:00Z")
        event = AuditEvent.objects.get(action="statistics_submission.published", target_uuid=submission.uuid)
        assert event.data["embargo_until"] == "2026-03-05T06:00:00+00:00"
        client.logout()
        assert ROW not in client.get(CSV).content.decode()
    with time_machine.travel(dt.datetime(2026, 3, 5, 6, 0, 1, tzinfo=dt.UTC), tick=False):
        assert ROW in client.get(CSV).content.decode()


def test_no_embargo_publishes_at_once(client):
    submission = _publish_kgz(embargo_days=0)
    assert submission.embargo_until is None
    assert ROW in client.get(CSV).content.decode()


def test_naive_release_time_is_refused_and_changes_nothing():
    national, regional = statistician("KGZ"), secretariat()
    submission = upload(national, "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    submission = services.submission_approve_national(actor=national, submission=submission)
    submission = services.submission_accept_regional(actor=regional, submission=submission)
    with pytest.raises(ApplicationError):
        services.submission_publish(
            actor=regional,
            submission=submission,
            embargo_until=dt.datetime(2030, 1, 1),
        )
    submission.refresh_from_db()
    assert (submission.status, submission.embargo_until) == ("accepted_regional", None)
