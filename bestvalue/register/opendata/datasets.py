"""The open datasets: for each, its columns (name, type, meaning) and the selector its rows come
from. The CSV files, the JSON files, their JSON Schemas and the column dictionaries are all made
from these definitions, so they cannot disagree."""

from __future__ import annotations

from bestvalue.register.opendata.columns import Column, Dataset
from bestvalue.register.opendata.improvement_datasets import IMPROVEMENT_DATASETS
from bestvalue.register.opendata.intervention_datasets import (
    APPOINTEES,
    INSPECTIONS,
    INTERVENTIONS,
)
from bestvalue.register.opendata.notice_datasets import (
    AUTHORITIES,
    EXPECTATIONS,
    GROUNDS,
    NOTICES,
    OUTCOMES,
)

__all__ = ["DATASETS", "Column", "Dataset"]

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        AUTHORITIES,
        NOTICES,
        GROUNDS,
        EXPECTATIONS,
        OUTCOMES,
        INSPECTIONS,
        INTERVENTIONS,
        APPOINTEES,
        *IMPROVEMENT_DATASETS,
    )
}
