"""Pages, API and SDMX-REST: public reads, disclosure everywhere, outsiders see nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.statistics.models import Observation, Submission
from corridor.statistics.tests.factories import csv_text, published, sex_cells, statistician, upload

pytestmark = pytest.mark.django_db


def test_seed_facts_are_published_on_first_start(client):
    # given only the migrations
    page = client.get(
        reverse("statistics:flow", args=["DF_THB_VICTIM"]) + "?state=TUR&period=2019"
    ).content.decode()
    # then the brief's figures show, with the source declared public
    assert "Source already public" in page and "DGMM, 2019" in page
    assert (
        Observation.objects.get(
            dataflow__flow_id="DF_THB_VICTIM", citizenship="UZB", time_period="2019", is_public=True
        ).published_value
        == 44
    )
    assert Observation.objects.get(state_id="TUR", citizenship="GEO", time_period="2015").obs_status == "M"
    irregular = Observation.objects.filter(
        state_id="TUR", time_period="2021", dataflow__flow_id="DF_IRREG_MIGR"
    )
    assert sorted(irregular.values_list("citizenship", "value")) == [("TKM", 2504), ("UZB", 2943)]
    assert "10966" in client.get(reverse("statistics:flow-csv", args=["DF_INT_STUDENT"])).content.decode()


def test_public_pages_render_without_login(client):
    for url in (
        reverse("statistics:index"),
        reverse("statistics:indicators") + "?state=TUR&period=2019",
        reverse("statistics:mirror"),
        reverse("statistics:structures"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "<svg" in client.get(reverse("statistics:flow", args=["DF_THB_VICTIM"])).content.decode()


def test_suppressed_cell_is_hidden_from_public_and_other_state_but_not_owner(client, user_factory):
    # given a published KGZ cube with a small cell
    published("KGZ", "DF_WORK_PERMIT", sex_cells(103, 3, 100))
    url = reverse("statistics:flow-csv", args=["DF_WORK_PERMIT"])
    # then public and another state see it suppressed
    public = client.get(url).content.decode()
    assert "KGZ,UZB,F,_T,_T,_T,_T,_T,2023,,,C" in public and ",3," not in public
    client.force_login(user_factory("TJK", roles.STATISTICIAN))
    assert ",3," not in client.get(url).content.decode()
    api = client.get("/api/v1/statistics/data/DF_WORK_PERMIT/?state=KGZ").json()
    assert {c["value"] for c in api["results"]} == {103, None}
    # and the owner sees its own value
    client.force_login(user_factory("KGZ", roles.STATISTICIAN))
    assert "KGZ,UZB,F,_T,_T,_T,_T,_T,2023,3," in client.get(url).content.decode()


def test_outsider_gets_404_on_unpublished_submission_everywhere(client, user_factory):
    submission = upload(statistician("KGZ"), "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    client.force_login(user_factory("TJK", roles.STATISTICIAN))
    for url in (submission.get_absolute_url(), f"/api/v1/statistics/submissions/{submission.uuid}/"):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("statistics:submission-action", args=[submission.uuid, "approve"])).status_code
        == 404
    )
    assert client.post(f"/api/v1/statistics/submissions/{submission.uuid}/approve/").status_code == 404
    assert client.get("/api/v1/statistics/submissions/").json()["count"] == 0
    assert Submission.objects.unscoped().get(pk=submission.pk).status == "validated"
    # the unpublished figures are not on public pages either
    assert "KGZ" not in client.get(reverse("statistics:flow-csv", args=["DF_WORK_PERMIT"])).content.decode()


def test_upload_report_approve_accept_publish_through_pages(client, user_factory):
    kgz = user_factory("KGZ", roles.STATISTICIAN)
    client.force_login(kgz)
    content = csv_text("DF_WORK_PERMIT", "KGZ", sex_cells(120, 50, 70)).encode()
    response = client.post(
        reverse("statistics:submission-list"),
        {"dataflow": "DF_WORK_PERMIT", "file": io.BytesIO(content)},
        follow=True,
    )
    assert "Validated" in response.content.decode()
    submission = Submission.objects.for_state("KGZ").get()
    client.post(reverse("statistics:submission-action", args=[submission.uuid, "approve"]), {"text": ""})
    client.force_login(user_factory(None, roles.SECRETARIAT))
    client.post(reverse("statistics:submission-action", args=[submission.uuid, "accept"]))
    client.post(reverse("statistics:submission-action", args=[submission.uuid, "publish"]))
    assert Submission.objects.unscoped().get(pk=submission.pk).status == "published"
    client.logout()
    page = client.get(
        reverse("statistics:flow", args=["DF_WORK_PERMIT"]) + "?state=KGZ&period=2023"
    ).content.decode()
    assert "120" in page and "<svg" in page


def test_api_upload_reports_errors_and_bad_files(client, user_factory):
    client.force_login(user_factory("KGZ", roles.STATISTICIAN))
    content = csv_text("DF_WORK_PERMIT", "TUR", sex_cells(120, 50, 70)).encode()
    body = client.post(
        "/api/v1/statistics/submissions/", {"dataflow": "DF_WORK_PERMIT", "file": io.BytesIO(content)}
    ).json()
    assert body["status"] == "draft" and {i["rule"] for i in body["report"]} == {"wrong_ref_area"}
    bad = client.post(
        "/api/v1/statistics/submissions/", {"dataflow": "DF_WORK_PERMIT", "file": io.BytesIO(b"nonsense")}
    )
    assert bad.status_code == 400
    assert Observation.objects.filter(state_id="KGZ").count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xml", "json"])
def test_sdmx_rest_data_round_trip(client, fmt):
    from pysdmx.io import read_sdmx

    url = "/sdmx/2/data/dataflow/ALMATY/DF_THB_VICTIM/1.0/A.TUR.UZB+KGZ.*.*.*.*"
    response = client.get(url, {"format": fmt})
    assert response.status_code == 200
    text = response.content.decode()
    if fmt == "json":
        observations = json.loads(text)["data"]["dataSets"][0]["observations"]
        assert len(observations) == 10
        return
    frame = read_sdmx(text, validate=True).data[0].data
    assert sorted(set(frame["CITIZENSHIP"])) == ["KGZ", "UZB"]
    assert len(frame) == 10


def test_sdmx_xml_validates_against_bundled_schema(client):
    from pysdmx.io.format import Format
    from pysdmx.io.xml.doc_validation import validate_doc

    text = client.get(
        "/sdmx/2/data/dataflow/ALMATY/DF_IRREG_MIGR/1.0/*", HTTP_ACCEPT="application/xml"
    ).content.decode()
    validate_doc(text)  # raises on an invalid document
    assert Format


def test_sdmx_structure_answers(client):
    body = client.get("/sdmx/2/structure/codelist/ALMATY/CL_AGE/", {"format": "json"}).json()
    codes = {c["id"]: c.get("parent") for c in body["data"]["codelists"][0]["codes"]}
    assert codes["Y14T17"] == "Y_LT18"
    assert client.get("/sdmx/2/structure/dataflow/ALMATY/DF_NOPE/").status_code == 404


def test_excel_template_download(client):
    response = client.get(reverse("statistics:template", args=["DF_IRREG_MIGR"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_feed_publish_creates_a_validated_submission():
    from corridor.statistics import services

    actor = statistician("KGZ")
    submission = services.feed_publish(
        actor=actor,
        dataflow="DF_IRREG_MIGR",
        period="2024-03",
        counts={("UZB", "_T", "_T", "_T"): 12, ("TJK", "_T", "_T", "_T"): 5},
    )
    assert (submission.status, submission.observation_count) == ("validated", 2)
