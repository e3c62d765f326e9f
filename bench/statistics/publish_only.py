"""Time ``submission_publish`` of an accepted vintage as the application role (RLS on).

    PYTHONPATH=. nice -n 10 .venv/bin/python bench/statistics/publish_only.py RUS

Run after ``run upload --provider RUS --publish`` stopped before publication (the vintage is
then ACCEPTED_REGIONAL). Prints a JSON report.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from bench.statistics import run  # sets Django up
from corridor.access.actor import actor_for
from corridor.statistics import services
from corridor.statistics.models import Observation, Submission


def main(provider: str) -> dict[str, Any]:
    submission = Submission.objects.unscoped().get(
        state_id=provider, dataflow__flow_id="DF_WORK_PERMIT", status="accepted_regional"
    )
    regional = actor_for(run._make_user_regional())
    role = run.as_app_role("bench_statistics_app", "")
    timings: dict[str, float] = {}
    publication = services.publication
    publication.disclosure.protect = run._timed(timings, "disclosure_s", publication.disclosure.protect)  # type: ignore[method-assign]
    publication._write_changed = run._timed(timings, "write_changed_s", publication._write_changed)  # type: ignore[method-assign]
    start = time.perf_counter()
    submission = services.submission_publish(actor=regional, submission=submission)
    suppressed = Observation.objects.filter(submission=submission, conf_status__in=["C", "D"])
    return {
        "app_role": role,
        "observations": submission.observation_count,
        "publish_s": round(time.perf_counter() - start, 2),
        "phases": timings,
        "status": submission.status,
        "suppressed_cells": suppressed.count(),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1] if len(sys.argv) > 1 else "RUS"), indent=2))
