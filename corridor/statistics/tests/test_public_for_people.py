"""Issue 19 item 9: public statistics read by people — labels, single periods, axes, banner."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from corridor.statistics.tests.factories import published, sex_cells

pytestmark = pytest.mark.django_db
FLOW_URL = reverse("statistics:flow", args=["DF_WORK_PERMIT"])


def _table(html: str) -> str:
    return html[html.index('id="table"') :]


def test_data_table_shows_labels_from_the_codelists_in_the_readers_language(client):
    published("KGZ", "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    english = _table(client.get("/en/statistics/data/DF_WORK_PERMIT/?state=KGZ&period=2023").content.decode())
    assert "Uzbekistan · Female" in english
    assert ">UZB.F." not in english and "<code>UZB" not in english  # no raw SDMX key as the text
    assert "<td>Kyrgyzstan</td>" in english
    russian = _table(client.get("/ru/statistics/data/DF_WORK_PERMIT/?state=KGZ&period=2023").content.decode())
    assert "Женщины" in russian


def test_a_single_period_is_a_figure_not_a_one_point_series(client):
    published("KGZ", "DF_WORK_PERMIT", sex_cells(120, 50, 70))
    html = client.get(f"{FLOW_URL}?state=KGZ&period=2023").content.decode()
    single = re.search(r'data-testid="single-total">(.*?)</p>', html, re.S)
    assert single and "2023" in single.group(1) and "<strong>120</strong>" in single.group(1)
    assert "Time series (total)" not in html


def test_several_periods_get_a_time_series_with_a_value_axis(client):
    published("KGZ", "DF_WORK_PERMIT", sex_cells(120, 50, 70, period="2022") + sex_cells(150, 60, 90))
    html = client.get(f"{FLOW_URL}?state=KGZ&period=2023").content.decode()
    assert "Time series (total)" in html and 'data-testid="single-total"' not in html
    series = html[html.index('id="series"') :]
    svg = series[: series.index("</svg>")]
    assert '<line x1="60" y1="20" x2="60"' in svg  # the value axis
    assert ">150</text>" in svg and ">0</text>" in svg  # labelled from 0 to the highest value


def test_source_public_banner_only_on_the_seed_figures(client):
    seed = client.get(reverse("statistics:flow", args=["DF_IRREG_MIGR"]) + "?state=TUR&period=2021")
    assert "Source already public" in seed.content.decode()
    published("TUR", "DF_IRREG_MIGR", [{"CITIZENSHIP": "UZB", "TIME_PERIOD": "2023", "value": 2900}])
    new = client.get(reverse("statistics:flow", args=["DF_IRREG_MIGR"]) + "?state=TUR&period=2023")
    html = new.content.decode()
    assert "2900" in html
    assert "Source already public" not in html
