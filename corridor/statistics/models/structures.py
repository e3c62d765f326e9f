"""The SDMX information model kept as rows: codelists, concepts, DSDs, dataflows, agreements.

Structures are versioned data loaded by migrations, never constants in code: a new code
or a new DSD version is a row, and submissions name the version they were checked against.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

AGENCY = "ALMATY"


def localised(names: dict[str, str] | None, fallback: str = "") -> str:
    """The name in the active language, else English, else the identifier."""
    names = names or {}
    language = (translation.get_language() or "en").split("-")[0]
    return names.get(language) or names.get("en") or fallback


class MaintainableArtefact(models.Model):
    agency = models.CharField(_("maintenance agency"), max_length=20, default=AGENCY)
    version = models.CharField(_("version"), max_length=10, default="1.0")
    names = models.JSONField(_("names"), default=dict, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localised(self.names, self.identifier)

    @property
    def identifier(self) -> str:
        raise NotImplementedError


class Codelist(MaintainableArtefact):
    code_id = models.CharField(_("identifier"), max_length=40)

    class Meta:
        ordering = ["code_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code_id", "version"], name="statistics_codelist_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}:{self.code_id}({self.version})"

    @property
    def identifier(self) -> str:
        return self.code_id


class Code(models.Model):
    codelist = models.ForeignKey(Codelist, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=20)
    names = models.JSONField(_("names"), default=dict, blank=True)
    # The code this one adds up into ("" for roots such as _T, _Z and aggregates).
    parent = models.CharField(_("parent code"), max_length=20, blank=True, default="")
    position = models.PositiveIntegerField(default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    annotations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["codelist", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["codelist", "code"], name="statistics_code_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return localised(self.names, self.code)


class Concept(models.Model):
    scheme = models.CharField(_("concept scheme"), max_length=40, default="CS_MIGR")
    concept_id = models.CharField(_("identifier"), max_length=40)
    names = models.JSONField(_("names"), default=dict, blank=True)

    class Meta:
        ordering = ["scheme", "concept_id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "concept_id"], name="statistics_concept_unique")
        ]

    def __str__(self) -> str:
        return self.concept_id

    @property
    def name(self) -> str:
        return localised(self.names, self.concept_id)


class DataStructure(MaintainableArtefact):
    dsd_id = models.CharField(_("identifier"), max_length=40)

    class Meta:
        ordering = ["dsd_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "dsd_id", "version"], name="statistics_dsd_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency}:{self.dsd_id}({self.version})"

    @property
    def identifier(self) -> str:
        return self.dsd_id


class ComponentRole(models.TextChoices):
    DIMENSION = "dimension", _("Dimension")
    TIME = "time", _("Time dimension")
    MEASURE = "measure", _("Measure")
    ATTRIBUTE = "attribute", _("Attribute")


class Component(models.Model):
    dsd = models.ForeignKey(DataStructure, on_delete=models.CASCADE, related_name="components")
    concept = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=ComponentRole.choices)
    position = models.PositiveSmallIntegerField(default=0)
    codelist = models.ForeignKey(Codelist, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["dsd", "position"]
        constraints = [models.UniqueConstraint(fields=["dsd", "concept"], name="statistics_component_unique")]

    def __str__(self) -> str:
        return self.concept.concept_id


class Dataflow(MaintainableArtefact):
    class Tier(models.IntegerChoices):
        PERMITS = 1, _("Tier 1: permits (cells under 5 suppressed)")
        IRREGULAR = 2, _("Tier 2: irregular migrants (cells under 10 suppressed)")
        TRAFFICKING = 3, _("Tier 3: trafficking victims (cells under 11 suppressed)")
        REFERENCE = 0, _("Reference data (no suppression)")

    flow_id = models.CharField(_("identifier"), max_length=40)
    dsd = models.ForeignKey(DataStructure, on_delete=models.PROTECT, related_name="dataflows")
    definitions = models.JSONField(_("definition"), default=dict, blank=True)
    stat_unit = models.CharField(_("statistical unit"), max_length=10, default="PERS")
    disclosure_tier = models.PositiveSmallIntegerField(choices=Tier.choices, default=Tier.PERMITS)
    # 0 = publish exact values above the threshold; 5 = round every published cell to base 5.
    rounding_base = models.PositiveSmallIntegerField(default=0)
    # Cells allowed by the dataflow, as {"DIMENSION": ["CODE", …]} (DF_INT_STUDENT: PURPOSE=EDUC).
    cube_region = models.JSONField(_("content constraint"), default=dict, blank=True)
    # The headline series shown first: {"DIMENSION": "CODE"}, every other dimension "_T".
    headline = models.JSONField(_("headline series"), default=dict, blank=True)

    class Meta:
        ordering = ["flow_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "flow_id", "version"], name="statistics_dataflow_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}:{self.flow_id}({self.version})"

    @property
    def identifier(self) -> str:
        return self.flow_id

    @property
    def definition(self) -> str:
        return localised(self.definitions)

    @property
    def threshold(self) -> int:
        return {1: 5, 2: 10, 3: 11}.get(self.disclosure_tier, 0)


class ProvisionAgreement(models.Model):
    """The exchange agreement of one provider state for one dataflow."""

    dataflow = models.ForeignKey(Dataflow, on_delete=models.CASCADE, related_name="agreements")
    provider = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    deadline_days = models.PositiveIntegerField(_("deadline (days after period end)"), default=180)
    embargo_days = models.PositiveIntegerField(_("embargo (days after acceptance)"), default=0)
    first_period = models.CharField(_("first period"), max_length=10, default="2010")
    last_period = models.CharField(_("last period"), max_length=10, default="2030")
    expected_cells = models.PositiveIntegerField(_("expected cells per period"), default=0)
    redistribution = models.JSONField(_("redistribution list"), default=list, blank=True)
    comparability_notes = models.JSONField(_("definitions and comparability"), default=dict, blank=True)

    class Meta:
        ordering = ["dataflow", "provider"]
        constraints = [
            models.UniqueConstraint(fields=["dataflow", "provider"], name="statistics_provision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} × {self.dataflow.flow_id}"

    @property
    def comparability_note(self) -> str:
        return localised(self.comparability_notes)


class StructureMap(models.Model):
    """Maps a national codelist onto a harmonised one (SDMX 3.0 structure map, code part)."""

    map_id = models.CharField(max_length=40, unique=True)
    names = models.JSONField(default=dict, blank=True)
    source = models.ForeignKey(Codelist, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(Codelist, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.map_id

    @property
    def name(self) -> str:
        return localised(self.names, self.map_id)


class CodeMapping(models.Model):
    structure_map = models.ForeignKey(StructureMap, on_delete=models.CASCADE, related_name="mappings")
    source_code = models.CharField(max_length=20)
    target_code = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["structure_map", "source_code"], name="statistics_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source_code} → {self.target_code}"
