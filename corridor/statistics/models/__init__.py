"""Structures (the SDMX information model, as data) and submitted data."""

from corridor.statistics.models.data import ApprovalEvent, Observation, Submission, SubmissionStatus
from corridor.statistics.models.structures import (
    Code,
    Codelist,
    CodeMapping,
    Component,
    ComponentRole,
    Concept,
    Dataflow,
    DataStructure,
    ProvisionAgreement,
    StructureMap,
)

__all__ = [
    "ApprovalEvent",
    "Code",
    "CodeMapping",
    "Codelist",
    "Component",
    "ComponentRole",
    "Concept",
    "DataStructure",
    "Dataflow",
    "Observation",
    "ProvisionAgreement",
    "StructureMap",
    "Submission",
    "SubmissionStatus",
]
