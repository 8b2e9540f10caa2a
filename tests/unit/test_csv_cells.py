"""CSV cells a spreadsheet would run as a formula are neutralised; everything else is unchanged."""

from __future__ import annotations

import pytest

from bestvalue.core.csvcells import safe_cell


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'],
)
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Slough", "-3", "+4.5", "1100.00", "2024-01-01", "a=b"])
def test_ordinary_values_and_plain_numbers_are_unchanged(value: str) -> None:
    assert safe_cell(value) == value
