"""The record sources matching jobs read, registered by the modules that own the records.

Matching never imports a domain module: a module whose records can be deduplicated registers a
:class:`MatchSource` in its ``AppConfig.ready`` (consular registration registers
``"registration"``). A job's kind names its sources by these string labels
(``models.JOB_SOURCES``), so the owner's access rules decide what a job may read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MatchSource:
    """How matching reads one module's records, always through that module's own selectors.

    - ``permission``: what an officer needs to run a job over these records or to see them in
      a candidate pair.
    - ``records(actor)``: the actor's own state's live records in the matcher's input shape
      (``record_id``, ``family_name``, ``given_name``, ``patronymic``, ``birth_date``, ``sex``,
      ``citizenship``, ``birth_place``, ``document_number``, ``source``).
    - ``summaries(actor, uuids)``: for the records the actor may still open, by uuid, a mapping
      with ``name``, ``birth_date``, ``reference`` and ``url``.
    """

    name: str
    permission: str
    records: Callable[[Any], list[dict[str, str]]]
    summaries: Callable[[Any, list[str]], Mapping[str, Mapping[str, str]]]


_sources: dict[str, MatchSource] = {}


def register_source(source: MatchSource) -> None:
    existing = _sources.get(source.name)
    if existing is not None and existing != source:
        raise ValueError(f"a match source named {source.name!r} is already registered")
    _sources[source.name] = source


def unregister_source(name: str) -> None:
    """Tests only."""
    _sources.pop(name, None)


def source(name: str) -> MatchSource:
    try:
        return _sources[name]
    except KeyError:
        raise LookupError(f"no match source {name!r} is registered (is its module installed?)") from None


def sources() -> Iterable[MatchSource]:
    return tuple(_sources.values())
