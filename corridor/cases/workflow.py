"""The declarative shape of a case workflow: one transition table per case type.

A module describes its life cycle once, as data, and hands it to ``cases.services.step`` and
``cases.services.allowed_actions``. Nothing here touches the database: a table can be read,
printed and tested on its own.

```python
LICENCE = Workflow(
    name="licence",                      # the audit entity: events are "licence.<verb>"
    transitions=(
        Transition("submit", {DRAFT}, SUBMITTED, permission=MANAGE_AGENCIES, label=_("Submit")),
        Transition("suspend", {ACTIVE}, SUSPENDED, permission=MANAGE_AGENCIES, label=_("Suspend"),
                   verb="suspended", needs_note=True),
    ),
)
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corridor.access.actor import Actor


@dataclass(frozen=True)
class Guard:
    """A condition on the record (and the request) that must hold for a transition.

    ``test`` receives the locked record, the actor (``None`` for the system) and the
    ``changes`` the caller asked for; ``reason`` is shown when it fails (a lazy translation).
    """

    test: Callable[[Any, Actor | None, dict[str, Any]], bool]
    reason: Any


# A clock name, or a function of the record that names one (for example by severity).
ClockName = str | Callable[[Any], str]


@dataclass(frozen=True, init=False)
class Transition:
    """One row of the table: from any of ``sources`` by ``action`` to ``target``."""

    action: str
    sources: frozenset[str]
    target: str
    permission: str  # for the acting state; "" = the workflow's may_act alone decides
    label: Any  # short, translatable: what the button says
    verb: str = ""  # past tense for the audit event ``<entity>.<verb>``; default ``action``
    guards: tuple[Guard, ...] = ()
    needs_note: bool = False  # a written reason is required (refusals, narrowing decisions)
    gate: bool = False  # moves a person or their data across a border: the protection gate applies
    start_clocks: tuple[ClockName, ...] = ()
    stop_clocks: tuple[ClockName, ...] = ()  # "*" stops every running clock of the record
    system_only: bool = False  # only sweeps take it (no person is offered it)

    def __init__(
        self,
        action: str,
        sources: Iterable[str],
        target: str,
        *,
        permission: str,
        label: Any,
        verb: str = "",
        guards: Iterable[Guard] = (),
        needs_note: bool = False,
        gate: bool = False,
        start_clocks: Iterable[ClockName] = (),
        stop_clocks: Iterable[ClockName] = (),
        system_only: bool = False,
    ) -> None:
        # A frozen dataclass with a friendlier constructor: sets and lists become immutable.
        values = {
            "action": action,
            "sources": frozenset(sources),
            "target": target,
            "permission": permission,
            "label": label,
            "verb": verb or action,
            "guards": tuple(guards),
            "needs_note": needs_note,
            "gate": gate,
            "start_clocks": tuple(start_clocks),
            "stop_clocks": tuple(stop_clocks),
            "system_only": system_only,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def _owner_state(record: Any, transition: Transition) -> str | None:
    return getattr(record, "state_id", None)


@dataclass(frozen=True)
class Workflow:
    """A transition table and the few facts ``step`` needs about the record type.

    - ``name`` is the audit entity (``<name>.<verb>``) and the name in the history rows.
    - ``state_field`` is the model field holding the status.
    - ``acting_state(record, transition)`` is the state whose officers decide (default: the
      owner state); the actor's permission is checked for that state.
    - ``may_act(actor, record, transition)`` adds per-record rules beyond the permission
      (for example "a service provider acts only on what was assigned to it").
    - ``person_of(record)`` names the person record for the protection gate (``None`` when the
      case has no person yet; a gated transition then refuses).
    - ``note_field`` is the name of the form or API field that carries the note ("reason" in
      modules whose forms call it so), used when a required note is missing.
    - ``wrong_status`` is the module's own wording of "not in this status" (a lazy translation
      with ``{status}``); the kernel's generic sentence otherwise.
    """

    name: str
    transitions: tuple[Transition, ...]
    state_field: str = "status"
    acting_state: Callable[[Any, Transition], str | None] = _owner_state
    may_act: Callable[[Actor, Any, Transition], bool] | None = None
    person_of: Callable[[Any], Any] | None = None
    note_field: str = "note"  # the form/API field a required note is reported under
    wrong_status: Any = None  # lazy message with {status} when the record is in the wrong status
    _index: dict[str, Transition] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen: dict[str, Transition] = {}
        for transition in self.transitions:
            if transition.action in seen:
                raise ValueError(f"{self.name}: action {transition.action!r} appears twice")
            seen[transition.action] = transition
        if any(not t.permission and not t.system_only for t in self.transitions) and self.may_act is None:
            raise ValueError(f"{self.name}: a transition without a permission needs may_act")
        if any(t.gate for t in self.transitions) and self.person_of is None:
            raise ValueError(f"{self.name}: a gated transition needs person_of")
        object.__setattr__(self, "_index", seen)

    def get(self, action: str) -> Transition | None:
        return self._index.get(action)

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(self._index)

    @property
    def states(self) -> tuple[str, ...]:
        """Every status the table names, in order of first appearance."""
        ordered: dict[str, None] = {}
        for transition in self.transitions:
            for source in sorted(transition.sources):
                ordered.setdefault(source)
            ordered.setdefault(transition.target)
        return tuple(ordered)

    def status_of(self, record: Any) -> str:
        return str(getattr(record, self.state_field))

    def sources_of(self, action: str) -> frozenset[str]:
        transition = self.get(action)
        return transition.sources if transition else frozenset()
