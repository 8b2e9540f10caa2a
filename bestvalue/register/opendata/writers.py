"""Writing datasets as CSV and JSON, a piece at a time, and describing them (JSON Schema, column
dictionary). Rows are read with `.iterator(chunk_size=...)`, so memory stays flat however large
the record grows: only one chunk of rows is held at once."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from bestvalue.core import clock
from bestvalue.core.csvcells import safe_row
from bestvalue.register.opendata.columns import Column, Dataset

CHUNK_SIZE = 500
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Authority names and codes contain data from mySociety licensed under CC BY 4.0 and from "
    "the Office for National Statistics licensed under the Open Government Licence v3.0."
)
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _json_value(column: Column, value: Any, base_url: str) -> Any:
    if value is None:
        return None
    if column.type == "url":
        return base_url + value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def record(dataset: Dataset, obj: Any, base_url: str) -> dict[str, Any]:
    """One row as JSON-ready values: dates as ISO text, lists as lists, unknowns as None."""
    return {c.name: _json_value(c, c.get(obj), base_url) for c in dataset.columns}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def rows(
    dataset: Dataset, base_url: str, objects: Iterable[Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Every row of the dataset, or only `objects` (a filtered download, in the register's order)."""
    for obj in dataset.rows().iterator(chunk_size=CHUNK_SIZE) if objects is None else objects:
        yield record(dataset, obj, base_url)


class _Line:
    """A file-like object whose write returns what was written, for csv.writer to yield lines."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(
    dataset: Dataset, base_url: str, objects: Iterable[Any] | None = None
) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(safe_row([c.name for c in dataset.columns]))
    for row in rows(dataset, base_url, objects):
        # A cell a spreadsheet would run as a formula starts with an apostrophe (docs/open-data.md).
        yield writer.writerow(safe_row([_csv_value(v) for v in row.values()]))


def json_chunks(
    dataset: Dataset,
    base_url: str,
    schema_url: str,
    objects: Iterable[Any] | None = None,
    filters: dict[str, str] | None = None,
) -> Iterator[str]:
    head: dict[str, Any] = {
        "dataset": dataset.name,
        "title": dataset.title,
        "schema": schema_url,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "generated_at": clock.now().isoformat(timespec="seconds"),
    }
    if filters:
        head["filters"] = filters
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    separator = "\n"
    for row in rows(dataset, base_url, objects):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


_JSON_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "text": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "url": {"type": "string", "format": "uri"},
    "list": {"type": "array", "items": {"type": "string"}},
}


def _property(column: Column) -> dict[str, Any]:
    schema = dict(_JSON_TYPES[column.type])
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    return {**schema, "description": column.description}


def json_schema(dataset: Dataset, schema_url: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for the dataset's JSON file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": dataset.title,
        "description": dataset.description,
        "type": "object",
        "required": ["dataset", "licence", "attribution", "generated_at", "items"],
        "properties": {
            "dataset": {"const": dataset.name},
            "title": {"type": "string"},
            "schema": {"type": "string", "format": "uri"},
            "licence": {"type": "string"},
            "licence_url": {"type": "string", "format": "uri"},
            "attribution": {"type": "string"},
            "generated_at": {"type": "string", "format": "date-time"},
            "filters": {
                "type": "object",
                "description": "The register's filters this file was asked with, when any.",
                "additionalProperties": {"type": "string"},
            },
            "items": {
                "type": "array",
                "description": f"One item per row; identified by {dataset.identifier}.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [c.name for c in dataset.columns],
                    "properties": {c.name: _property(c) for c in dataset.columns},
                },
            },
        },
    }


TYPE_WORDS = {
    "string": "text",
    "text": "text (may be blank)",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "date": "date (YYYY-MM-DD)",
    "url": "web address",
    "list": "list (in CSV, items separated by '; ')",
}


def column_dictionary(dataset: Dataset) -> Iterator[list[str]]:
    """The CSV column dictionary: one row per column, its type, whether it may be blank, and
    what it means."""
    yield ["column", "type", "may_be_blank", "description"]
    for c in dataset.columns:
        blank = c.nullable or c.type == "list"
        yield [c.name, TYPE_WORDS[c.type], "yes" if blank else "no", c.description]
