"""Open data: a value that a spreadsheet would run as a formula is neutralised in the CSV file
(docs/open-data.md, "CSV cells") and carried unchanged in JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache

from bestvalue.register.opendata import writers
from bestvalue.register.opendata.datasets import DATASETS
from tests.factories import make_directions

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example","Click")'


def test_open_data_csv_neutralises_formulas_and_json_keeps_the_value(client) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    directions = make_directions()
    directions.appointees.create(
        position=1, name=FORMULA, role="lead_commissioner", fee_per_day="1100.00"
    )
    body = b"".join(client.get("/open-data/appointees.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["name"] == "'" + FORMULA
    assert not any(v.startswith(("=", "+", "@")) for row in rows for v in row.values())
    items = json.loads(
        b"".join(client.get("/open-data/appointees.json").streaming_content).decode()
    )["items"]
    assert items[0]["name"] == FORMULA


def test_the_export_command_and_column_dictionaries_write_safe_cells(client) -> None:  # type: ignore[no-untyped-def]
    directions = make_directions()
    directions.appointees.create(position=1, name="@cmd", role="lead_commissioner")
    chunks = "".join(writers.csv_chunks(DATASETS["appointees"], "http://testserver"))
    assert "'@cmd" in chunks
    for name in DATASETS:
        text = client.get(f"/open-data/{name}.columns.csv").content.decode()
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "@", "-")) for cell in row), row
