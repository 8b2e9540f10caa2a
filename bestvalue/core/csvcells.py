"""CSV cells a spreadsheet cannot run: every CSV the service writes passes its cells through
safe_cell (docs/open-data.md, "CSV cells")."""

from __future__ import annotations

import re

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value: str) -> str:
    """The value with a leading apostrophe when a spreadsheet would take it for a formula.
    Plain numbers (-3, +4.5) are left alone: a spreadsheet reads them as the numbers they are."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def safe_row(values: list[str]) -> list[str]:
    return [safe_cell(value) for value in values]
