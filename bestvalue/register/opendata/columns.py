"""The parts every open dataset is made of: `Column` (name, type, meaning, how to read it from a
row) and `Dataset`, with the column makers the datasets share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

# Column types: how a value is written in JSON (and described in the JSON Schema). In CSV every
# value is text; lists are joined with "; " and a blank cell is a value not known.
TYPES = ("string", "text", "integer", "number", "boolean", "date", "list", "url")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    get: Callable[[Any], Any]
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    identifier: str
    columns: tuple[Column, ...]
    rows: Callable[[], QuerySet[Any]]

    def count(self) -> int:
        return self.rows().count()


def authority_columns(path: str) -> tuple[Column, ...]:
    """The GSS code and name of the authority at `path` (an attribute chain) on each row."""

    def follow(obj: Any) -> Any:
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj

    return (
        Column(
            "authority_gss", "string", "The authority's ONS GSS code.", lambda o: follow(o).gss_code
        ),
        Column(
            "authority_name",
            "string",
            "The authority's official name.",
            lambda o: follow(o).official_name,
        ),
    )


def exact_column(name: str, what: str, get: Callable[[Any], Any]) -> Column:
    return Column(name, "date", f"{what}, when known to the day.", get, nullable=True)


def approx_column(name: str, what: str, get: Callable[[Any], Any]) -> Column:
    return Column(
        name,
        "string",
        f"{what}, when known only roughly: a year (2018), a month (2018-03) or a range "
        "(2018-01/2018-03). Blank when the exact date is known or nothing is.",
        lambda o: get(o) or None,
        nullable=True,
    )


def text_column(name: str, description: str, get: Callable[[Any], Any]) -> Column:
    """Free text that may be empty: blank (null in JSON) when there is none."""
    return Column(name, "text", description, lambda o: get(o) or None, nullable=True)


def page_column(get: Callable[[Any], str]) -> Column:
    """The row's page on this service (a path; a full address in JSON)."""
    return Column("url", "url", "Its page on this service.", get)


def sources_column(get: Callable[[Any], list[str]]) -> Column:
    return Column(
        "sources", "list", "Web addresses of the public documents the record rests on.", get
    )
