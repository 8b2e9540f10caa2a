"""Downloads of exactly what a register page shows: the notices and interventions datasets take
the register's own filters (its form is the one parser) and list the rows in the register's
order. Any other dataset is downloaded whole, and a filter it cannot take is refused, never
ignored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from bestvalue.register.listing import register_entries
from bestvalue.register.opendata.columns import Dataset
from bestvalue.register.opendata.writers import CHUNK_SIZE
from bestvalue.register.register_forms import RegisterFilterForm

# The dataset each kind of register row is, and the field its rows are found by.
FILTERABLE = {"notices": ("notice", "pk"), "interventions": ("intervention", "reference")}


class Refused(Exception):
    """A download asked with a filter it cannot honour; the message says what to do."""


def _in_order(dataset: Dataset, field: str, keys: list[Any]) -> Iterator[Any]:
    """The dataset's rows for `keys`, in that order, read a chunk at a time."""
    for start in range(0, len(keys), CHUNK_SIZE):
        chunk = keys[start : start + CHUNK_SIZE]
        found = {getattr(o, field): o for o in dataset.rows().filter(**{f"{field}__in": chunk})}
        yield from (found[k] for k in chunk)


def selection(
    dataset: Dataset, params: Mapping[str, Any]
) -> tuple[Iterable[Any] | None, dict[str, str]]:
    """The rows a download with these query parameters holds (None: the whole dataset, in its
    own order) and the filters as applied."""
    if not params:
        return None, {}
    if dataset.name not in FILTERABLE:
        raise Refused(
            f"The {dataset.name} dataset is downloaded whole: remove "
            f"{', '.join(sorted(params))}. Only notices and interventions take the register's "
            "filters."
        )
    if "page" in params:
        raise Refused("A download holds every matching row: remove page.")
    form = RegisterFilterForm(params)
    if not form.is_valid():
        raise Refused(" ".join(str(m) for messages in form.errors.values() for m in messages))
    kind, field = FILTERABLE[dataset.name]
    keys = register_entries(form.query()).keys(kind)
    return _in_order(dataset, field, keys), form.canonical()
