"""Signals of the person kernel, for modules that must react to a person record's change.

``protection_changed`` is sent inside ``person_set_protection``'s transaction with
``person``, ``actor``, ``before`` and ``after`` (sorted flag lists): a module that holds
cases of the person (readmission puts them on hold) reacts in the same transaction, so a
flag and its consequences are written together or not at all.
"""

from __future__ import annotations

from django.dispatch import Signal

protection_changed = Signal()
