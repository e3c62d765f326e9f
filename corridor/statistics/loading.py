"""Loads the brief's structures and seed facts; called by data migrations with their ``apps``.

Works on historical models only (no services, no audit): migrations run before any actor
exists. Idempotent, so a re-run after a partial load changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from corridor.statistics import catalogue, seed_facts


def _names(triple: tuple[str, ...]) -> dict[str, str]:
    return {lang: text for lang, text in zip(("en", "ru", "tr"), triple, strict=False) if text}


def _load_codes(codelist: Any, code_model: Any, codes: Sequence[tuple[str, ...]]) -> None:
    existing = set(code_model.objects.filter(codelist=codelist).values_list("code", flat=True))
    code_model.objects.bulk_create(
        [
            code_model(codelist=codelist, code=c[0], names=_names(c[1:4]), parent=c[4], position=i)
            for i, c in enumerate(codes)
            if c[0] not in existing
        ]
    )


def load_structures(apps: Any) -> None:
    codelist_model = apps.get_model("statistics", "Codelist")
    code_model = apps.get_model("statistics", "Code")
    country_model = apps.get_model("reference", "Country")
    for code_id, spec in catalogue.CODELISTS.items():
        cl, _ = codelist_model.objects.get_or_create(
            code_id=code_id, version="1.0", defaults={"names": _names(spec["names"])}
        )
        _load_codes(cl, code_model, spec["codes"])
    area, _ = codelist_model.objects.get_or_create(
        code_id="CL_AREA", version="1.0", defaults={"names": _names(catalogue.AREA_NAMES)}
    )
    countries = [
        (c.iso3, c.name_en, c.name_ru, c.name_tr, "_T") for c in country_model.objects.order_by("iso3")
    ]
    _load_codes(area, code_model, catalogue.AREA_EXTRA + countries)
    members = {c.iso3: c.ap_status for c in country_model.objects.exclude(ap_status="")}
    for code in code_model.objects.filter(codelist=area, code__in=list(members)):
        code.annotations = {"ap_status": members[code.code]}
        code.save(update_fields=["annotations"])
    _load_dsds(apps)
    _load_dataflows(apps, sorted(members))
    _load_structure_map(apps)


def _load_dsds(apps: Any) -> None:
    concept_model = apps.get_model("statistics", "Concept")
    dsd_model = apps.get_model("statistics", "DataStructure")
    component_model = apps.get_model("statistics", "Component")
    codelist_model = apps.get_model("statistics", "Codelist")
    concepts = {}
    for concept_id, triple in catalogue.CONCEPTS.items():
        concepts[concept_id], _ = concept_model.objects.get_or_create(
            concept_id=concept_id, defaults={"names": _names(triple)}
        )
    lists = {cl.code_id: cl for cl in codelist_model.objects.filter(version="1.0")}
    for dsd_id, spec in catalogue.DSDS.items():
        dsd, created = dsd_model.objects.get_or_create(
            dsd_id=dsd_id, version="1.0", defaults={"names": _names(spec["names"])}
        )
        if not created:
            continue
        layout = [("FREQ", "dimension"), ("REF_AREA", "dimension")]
        layout += [(d, "dimension") for d in spec["dimensions"]]
        layout += [("TIME_PERIOD", "time"), ("OBS_VALUE", "measure")]
        layout += [(a, "attribute") for a in catalogue.ATTRIBUTES]
        for position, (concept_id, role) in enumerate(layout):
            codelist = catalogue.DIMENSION_CODELIST.get(concept_id)
            component_model.objects.create(
                dsd=dsd,
                concept=concepts[concept_id],
                role=role,
                position=position,
                codelist=lists[codelist] if codelist else None,
                required=role in {"dimension", "time"},
            )


def _load_dataflows(apps: Any, providers: list[str]) -> None:
    dsd_model = apps.get_model("statistics", "DataStructure")
    flow_model = apps.get_model("statistics", "Dataflow")
    agreement_model = apps.get_model("statistics", "ProvisionAgreement")
    for flow_id, spec in catalogue.DATAFLOWS.items():
        flow, _ = flow_model.objects.get_or_create(
            flow_id=flow_id,
            version="1.0",
            defaults={
                "dsd": dsd_model.objects.get(dsd_id=spec["dsd"], version="1.0"),
                "names": _names(spec["names"]),
                "definitions": _names(spec["definition"]),
                "disclosure_tier": spec["tier"],
                "stat_unit": spec["stat_unit"],
                "cube_region": spec.get("cube_region", {}),
                "headline": spec.get("headline", {}),
            },
        )
        for iso3 in providers:
            notes = _names(catalogue.TUR_COMPARABILITY) if iso3 == "TUR" else {}
            agreement_model.objects.get_or_create(
                dataflow=flow,
                provider_id=iso3,
                defaults={"comparability_notes": notes, "redistribution": ["ALMATY_MS", "ALMATY_OBS"]},
            )


def _load_structure_map(apps: Any) -> None:
    codelist_model = apps.get_model("statistics", "Codelist")
    map_model = apps.get_model("statistics", "StructureMap")
    mapping_model = apps.get_model("statistics", "CodeMapping")
    smap, _ = map_model.objects.get_or_create(
        map_id="SM_PERMIT_TYPE_TUR",
        defaults={
            "names": {"en": "Türkiye's residence permit types to harmonised purpose of stay"},
            "source": codelist_model.objects.get(code_id="CL_PERMIT_TYPE_TUR"),
            "target": codelist_model.objects.get(code_id="CL_PURPOSE"),
        },
    )
    for source, target in catalogue.PERMIT_TYPE_MAP_TUR.items():
        mapping_model.objects.get_or_create(
            structure_map=smap, source_code=source, defaults={"target_code": target}
        )


def load_seed_facts(apps: Any) -> None:
    """The figures of the Almaty Process documents, as Türkiye's published submissions."""
    flow_model = apps.get_model("statistics", "Dataflow")
    submission_model = apps.get_model("statistics", "Submission")
    observation_model = apps.get_model("statistics", "Observation")
    event_model = apps.get_model("statistics", "ApprovalEvent")
    now = dt.datetime.now(dt.UTC)
    for spec in seed_facts.SEED_SUBMISSIONS:
        flow = flow_model.objects.get(flow_id=spec["dataflow"], version="1.0")
        if submission_model.objects.filter(
            state_id=spec["state"], dataflow=flow, source_public=True
        ).exists():
            continue
        vintage = submission_model.objects.filter(state_id=spec["state"], dataflow=flow).count() + 1
        rows = seed_facts.rows_for(spec, [c for c in _dimension_ids(apps, flow)])
        periods = sorted({r["TIME_PERIOD"] for r in rows})
        submission = submission_model.objects.create(
            state_id=spec["state"],
            dataflow=flow,
            vintage=vintage,
            status="published",
            file_format="source",
            file_name=spec["document"],
            observation_count=len(rows),
            first_period=periods[0],
            last_period=periods[-1],
            source_public=True,
            source_citation=spec["source"],
            accepted_at=now,
            published_at=now,
            report={"issues": [], "counts": {}},
        )
        event_model.objects.create(
            submission=submission, from_status="", to_status="published", reason=spec["source"]
        )
        observation_model.objects.bulk_create(
            [seed_facts.observation(observation_model, submission, flow, r) for r in rows]
        )


def _dimension_ids(apps: Any, flow: Any) -> list[str]:
    component_model = apps.get_model("statistics", "Component")
    return list(
        component_model.objects.filter(dsd_id=flow.dsd_id, role="dimension")
        .exclude(concept__concept_id__in=["FREQ", "REF_AREA"])
        .order_by("position")
        .values_list("concept__concept_id", flat=True)
    )
