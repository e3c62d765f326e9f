"""SDMX writers for the REST subset: SDMX-CSV 2.0 and SDMX-ML 2.1 through pysdmx, SDMX-JSON
2.0 data written here (no library writes it). Input cells are already disclosure-controlled."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from corridor.statistics.selectors import Cell
from corridor.statistics.structure import FlowStructure

ATTRS = ("OBS_STATUS", "CONF_STATUS")


def _freq(period: str) -> str:
    return "Q" if "-Q" in period else ("M" if "-" in period else "A")


def frame_rows(structure: FlowStructure, cells: list[Cell]) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {c: [] for c in (*structure.all_dimensions, "OBS_VALUE", *ATTRS)}
    for cell in cells:
        codes = dict(zip(structure.dimensions, cell.key.split("."), strict=True))
        codes.update(FREQ=_freq(cell.period), REF_AREA=cell.state, TIME_PERIOD=cell.period)
        for dimension in structure.all_dimensions:
            columns[dimension].append(codes[dimension])
        columns["OBS_VALUE"].append("" if cell.value is None else str(cell.value))
        columns["OBS_STATUS"].append(cell.obs_status)
        columns["CONF_STATUS"].append("C" if cell.suppressed else "F")
    return columns


def schema(structure: FlowStructure) -> Any:
    from pysdmx.model import Concept, DataType
    from pysdmx.model.dataflow import Component, Components, Role, Schema

    def component(cid: str, role: Role) -> Component:
        urn = f"urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=ALMATY:CS_MIGR(1.0).{cid}"
        return Component(
            id=cid,
            required=role != Role.ATTRIBUTE,
            role=role,
            concept=Concept(id=cid, urn=urn),
            local_dtype=DataType.STRING,
            attachment_level="O" if role == Role.ATTRIBUTE else None,
        )

    parts = [component(d, Role.DIMENSION) for d in structure.all_dimensions]
    parts += [component("OBS_VALUE", Role.MEASURE)] + [component(a, Role.ATTRIBUTE) for a in ATTRS]
    return Schema(
        context="dataflow",
        agency="ALMATY",
        id=structure.flow_id,
        version=structure.version,
        components=Components(parts),
    )


def dataset(structure: FlowStructure, cells: list[Cell]) -> Any:
    import pandas as pd
    from pysdmx.io.pd import PandasDataset

    return PandasDataset(structure=schema(structure), data=pd.DataFrame(frame_rows(structure, cells)))


def as_csv(structure: FlowStructure, cells: list[Cell]) -> str:
    from pysdmx.io import write_sdmx
    from pysdmx.io.format import Format

    return str(write_sdmx(dataset(structure, cells), Format.DATA_SDMX_CSV_2_0_0))


def as_xml(structure: FlowStructure, cells: list[Cell]) -> str:
    from pysdmx.io import write_sdmx
    from pysdmx.io.format import Format

    return str(write_sdmx(dataset(structure, cells), Format.DATA_SDMX_ML_2_1_STR, prettyprint=False))


def as_json(structure: FlowStructure, cells: list[Cell]) -> str:
    """SDMX-JSON 2.0 data message, flat (AllDimensions) observations."""
    dims = structure.all_dimensions
    columns = frame_rows(structure, cells)
    values = {d: sorted(set(columns[d])) for d in dims}
    index = {d: {v: i for i, v in enumerate(values[d])} for d in dims}
    status_values = sorted(set(columns["OBS_STATUS"]))
    observations: dict[str, list[Any]] = {}
    for i in range(len(cells)):
        key = ":".join(str(index[d][columns[d][i]]) for d in dims)
        raw = columns["OBS_VALUE"][i]
        observations[key] = [
            int(raw) if raw else None,
            status_values.index(columns["OBS_STATUS"][i]),
            0 if columns["CONF_STATUS"][i] == "F" else 1,
        ]
    message = {
        "meta": {
            "schema": "https://json.sdmx.org/2.0.0/sdmx-json-data-schema.json",
            "id": "CORRIDOR",
            "prepared": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sender": {"id": "ALMATY"},
        },
        "data": {
            "structures": [
                {
                    "dataSets": [0],
                    "dimensions": {
                        "observation": [
                            {"id": d, "keyPosition": p, "values": [{"id": v} for v in values[d]]}
                            for p, d in enumerate(dims)
                        ]
                    },
                    "attributes": {
                        "observation": [
                            {"id": "OBS_STATUS", "values": [{"id": v} for v in status_values]},
                            {"id": "CONF_STATUS", "values": [{"id": "F"}, {"id": "C"}]},
                        ]
                    },
                    "measures": {"observation": [{"id": "OBS_VALUE"}]},
                }
            ],
            "dataSets": [{"action": "Information", "structure": 0, "observations": observations}],
        },
    }
    return json.dumps(message, ensure_ascii=False)
