"""Test helper for every module's transition table: walk every status × action × actor.

```python
def test_licence_table_exhaustively(db):
    report = walk_table(
        workflow=LICENCE,
        make_record=lambda status: licence_factory(status=status),
        actors={"owner": kgz_labour, "outsider": tur_labour, "statistician": kgz_stats},
        expected=lambda status, action, who: who == "owner" and status in LICENCE.sources_of(action),
        note="a reason long enough",
    )
    assert report.allowed and report.refused
```

For each combination it checks, against a fresh record:

- ``allowed_actions`` offers the action exactly when ``step`` then succeeds (nothing offered
  is refused, nothing refused is offered);
- a success moves the record to the transition's target, writes one history row and one
  audit event named ``<workflow>.<verb>``;
- a refusal raises a typed error with a message, leaves the status as it was and writes no
  history row and no audit event;
- when ``expected(status, action, who)`` is given (an oracle written in the test, not read
  from the table), the outcome matches it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from corridor.access.actor import Actor
from corridor.audit.models import AuditEvent
from corridor.cases.models import CaseHistory
from corridor.cases.services import allowed_actions, step
from corridor.cases.workflow import Workflow
from corridor.core.errors import ApplicationError


@dataclass
class WalkReport:
    allowed: list[tuple[str, str, str]] = field(default_factory=list)
    refused: list[tuple[str, str, str, str]] = field(default_factory=list)  # + the message

    @property
    def total(self) -> int:
        return len(self.allowed) + len(self.refused)


def _reload(record: Any) -> Any:
    return type(record)._base_manager.get(pk=record.pk)


def walk_table(
    *,
    workflow: Workflow,
    make_record: Callable[[str], Any],
    actors: Mapping[str, Actor],
    expected: Callable[[str, str, str], bool] | None = None,
    note: str = "Reason given in the exhaustive table test.",
    step_kwargs: Callable[[str, str], dict[str, Any]] | None = None,
    states: tuple[str, ...] | None = None,
) -> WalkReport:
    """Walk ``states`` (default: every status the table names) × every action × ``actors``."""
    report = WalkReport()
    for status in states or workflow.states:
        for action in workflow.actions:
            for who, actor in actors.items():
                _one(
                    workflow,
                    make_record(status),
                    status,
                    action,
                    who,
                    actor,
                    expected,
                    note,
                    step_kwargs,
                    report,
                )
    return report


def _one(
    workflow: Workflow,
    record: Any,
    status: str,
    action: str,
    who: str,
    actor: Actor,
    expected: Callable[[str, str, str], bool] | None,
    note: str,
    step_kwargs: Callable[[str, str], dict[str, Any]] | None,
    report: WalkReport,
) -> None:
    where = f"{workflow.name}: {status} × {action} × {who}"
    assert workflow.status_of(record) == status, f"{where}: make_record gave {workflow.status_of(record)}"
    offered = action in {
        option.action for option in allowed_actions(workflow=workflow, record=record, actor=actor)
    }
    history_before = CaseHistory.objects.unscoped().count()
    audit_before = AuditEvent.objects.count()
    extra = step_kwargs(status, action) if step_kwargs else {}
    try:
        with transaction.atomic():
            moved = step(workflow=workflow, record=record, action=action, actor=actor, note=note, **extra)
    except ApplicationError as exc:
        assert not offered, f"{where}: offered but refused ({exc.message})"
        assert str(exc.message), f"{where}: refused without a reason"
        assert workflow.status_of(_reload(record)) == status, f"{where}: refused but the status changed"
        assert CaseHistory.objects.unscoped().count() == history_before, (
            f"{where}: refused but history written"
        )
        assert AuditEvent.objects.count() == audit_before, f"{where}: refused but audited"
        report.refused.append((status, action, who, str(exc.message)))
        ok = False
    else:
        target = workflow.get(action).target  # type: ignore[union-attr]
        assert offered, f"{where}: not offered but step succeeded"
        assert workflow.status_of(_reload(moved)) == target, f"{where}: did not reach {target}"
        assert CaseHistory.objects.unscoped().count() == history_before + 1, f"{where}: history rows"
        verb = workflow.get(action).verb  # type: ignore[union-attr]
        assert AuditEvent.objects.filter(action=f"{workflow.name}.{verb}").exists(), (
            f"{where}: no audit event"
        )
        report.allowed.append((status, action, who))
        ok = True
    if expected is not None:
        want = expected(status, action, who)
        assert ok == want, f"{where}: expected {'allowed' if want else 'refused'}"
