"""Figures stated in the Almaty Process documents (policy brief and 2022 concept note).

Every number here is quoted from a seed document, with its source as the document gives
it. Cube figures become Türkiye's published submissions (see ``loading.load_seed_facts``);
figures that are not cells of a dataflow are shown as quoted facts.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

BRIEF = "Policy brief “Central Asia – Turkey Migration Corridor” (Almaty Process)"

THB_SOURCE = (
    "DGMM, 2019, www.gov.goc.tr/raporlar3 — Figure 4 of the " + BRIEF + ". The figure is titled "
    "“2014-2017” but covers 2015–2019; Georgia 2015 is blank in the source (stored as missing)."
)
THB_BY_COUNTRY: dict[str, list[int | None]] = {
    # 2015, 2016, 2017, 2018, 2019
    "SYR": [9, 36, 86, 15, 37],
    "KGZ": [17, 33, 31, 14, 32],
    "UZB": [34, 16, 19, 29, 44],
    "MAR": [6, 10, 25, 18, 28],
    "GEO": [None, 23, 11, 1, 2],
    "MDA": [5, 8, 20, 1, 4],
    "UKR": [4, 7, 16, 3, 10],
    "RUS": [3, 6, 16, 1, 4],
    "AZE": [4, 4, 11, 3, 6],
    "TKM": [3, 3, 11, 3, 5],
    "KAZ": [2, 4, 9, 7, 4],
}
TKM_NOTE = "The brief's text gives 24 Turkmen victims for 2015–2019; the figure's values sum to 25."

SEED_SUBMISSIONS: list[dict[str, Any]] = [
    {
        "state": "TUR",
        "dataflow": "DF_THB_VICTIM",
        "document": "Almaty Process policy brief, Figure 4",
        "source": THB_SOURCE,
        "cells": [
            {
                "CITIZENSHIP": iso3,
                "TIME_PERIOD": str(2015 + i),
                "value": v,
                "comment": TKM_NOTE if iso3 == "TKM" else "",
            }
            for iso3, values in THB_BY_COUNTRY.items()
            for i, v in enumerate(values)
        ],
    },
    {
        "state": "TUR",
        "dataflow": "DF_IRREG_MIGR",
        "document": "Almaty Process policy brief",
        "source": "goc.gov.tr “Irregular migration”, quoted in the "
        + BRIEF
        + " (a reviewer comment says the 2021 figures may be updated: provisional).",
        "cells": [
            {"CITIZENSHIP": "UZB", "TIME_PERIOD": "2021", "value": 2943, "status": "P"},
            {"CITIZENSHIP": "TKM", "TIME_PERIOD": "2021", "value": 2504, "status": "P"},
        ],
    },
    {
        "state": "TUR",
        "dataflow": "DF_WORK_PERMIT",
        "document": "Almaty Process policy brief",
        "source": "ÇSGB (Ministry of Labour and Social Security) work-permit statistics page, quoted in the "
        + BRIEF
        + ": Uzbek labour migrants who moved to Türkiye for work.",
        "cells": [
            {"CITIZENSHIP": "UZB", "TIME_PERIOD": "2014", "value": 1993},
            {"CITIZENSHIP": "UZB", "TIME_PERIOD": "2019", "value": 4480},
        ],
    },
    {
        "state": "TUR",
        "dataflow": "DF_INT_STUDENT",
        "document": "Almaty Process policy brief",
        "source": "goc.gov.tr residence permits, quoted in the "
        + BRIEF
        + ": student residence permits of Turkmen citizens as of 2021 (the largest foreign-student group).",
        "cells": [
            {
                "CITIZENSHIP": "TKM",
                "TIME_PERIOD": "2021",
                "value": 10966,
                "PURPOSE": "EDUC",
                "PERMIT_EVENT": "VALID_EOP",
            }
        ],
    },
]


def rows_for(spec: dict[str, Any], dimensions: list[str]) -> list[dict[str, Any]]:
    rows = []
    for cell in spec["cells"]:
        row = {d: cell.get(d, "_T") for d in dimensions}
        row.update(TIME_PERIOD=cell["TIME_PERIOD"], value=cell["value"], status=cell.get("status", ""))
        row["comment"] = cell.get("comment", "")
        row["_dimensions"] = dimensions
        rows.append(row)
    return rows


def observation(model: Any, submission: Any, flow: Any, row: dict[str, Any]) -> Any:
    dims = row["_dimensions"]
    key = ".".join(row[d] for d in dims)
    rest = ".".join(row[d] for d in dims if d != "CITIZENSHIP")
    value = row["value"]
    return model(
        submission=submission,
        dataflow=flow,
        state_id=submission.state_id,
        time_period=row["TIME_PERIOD"],
        key=key,
        citizenship=row.get("CITIZENSHIP", ""),
        rest_key=rest,
        value=value,
        obs_status="M" if value is None else row["status"],
        comment=row["comment"],
        is_current=True,
        is_released=True,
        is_public=True,
        published_value=value,
        conf_status="F",
    )


# Figures of the documents that are not cells of a dataflow: shown as quoted, with source.
QUOTED_FACTS: list[tuple[Any, Any, str]] = [
    (
        _("Top-10 nationalities holding work permits in Türkiye, 2019"),
        _("Kyrgyzstan, Turkmenistan, Uzbekistan and Kazakhstan are in the top 10; Kyrgyzstan is 2nd"),
        "ÇSGB, yabanciizin2019.pdf (csgb.gov.tr, accessed 06 Apr 2022)",
    ),
    (
        _("Central-Asia-born migrants living in Russia, 2019"),
        _("just under 5 million"),
        "UN DESA data, IOM World Migration Report 2020, p.100",
    ),
    (
        _("Refugees in Türkiye"),
        _("about 4 million, including 3.6 million Syrians under temporary protection"),
        BRIEF,
    ),
    (
        _("Türkiye's rank as destination of Kyrgyz educational migration"),
        _("3rd"),
        "IOM, External Youth Migration in the Countries of Central Asia",
    ),
    (
        _("Kazakh youth planning to live or study abroad"),
        _("26.7 %"),
        "FES study, p.56",
    ),
    (
        _("Victims identified in 2019"),
        _("highest numbers from Uzbekistan and Kyrgyzstan, mostly sexually exploited"),
        "DGMM",
    ),
]
