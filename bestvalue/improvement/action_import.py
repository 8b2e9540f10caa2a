"""Checking a file of plan actions before any is added: every line and column at once. Pure:
the lines (tabular.read_table) and what they are checked against in, rows or every problem out.

Columns: title, owner, due (2024-03-31 or 31/03/2024; an Excel date), status (a status's name,
such as "On track"), expectations (the numbers of the notice's expectations, such as "1; 3"),
and, optionally, themes (the guidance's theme names or keys, separated by ";") and description.
A title may appear once in the file and must not already be in the plan, so that importing the
same file twice is refused rather than doubling the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bestvalue.improvement.readings_csv import parse_date
from bestvalue.improvement.rules import (
    ACTION_STATUS_LABELS,
    ActionStatus,
    creation_status_refusal,
    is_meaningless,
)
from bestvalue.improvement.tabular import ImportRefused, Line

COLUMNS = ("title", "owner", "due", "status", "expectations")
TITLE_MAX, OWNER_MAX = 200, 200


@dataclass(frozen=True)
class Context:
    expectations: Mapping[int, int]  # the notice's expectation numbers, to their ids
    themes: Mapping[str, str]  # theme names and keys, lower case, to their keys
    titles_in_plan: frozenset[str]  # lower case


@dataclass(frozen=True)
class ActionRow:
    line: int
    title: str
    owner: str
    due_on: dt.date
    status: ActionStatus
    expectation_ids: list[int]
    theme_keys: list[str]
    description: str


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _text(cells: dict[str, str], column: str, what: str, most: int, problems: list[str]) -> str:
    value = cells.get(column, "")
    if not value:
        problems.append(f"column {column}: enter {what}")
    elif is_meaningless(value):
        problems.append(f"column {column}: “{value}” says nothing: enter {what}")
    elif len(value) > most:
        problems.append(f"column {column}: {what} must be {most} characters or fewer")
    return value


def _status(text: str, problems: list[str]) -> ActionStatus:
    by_name = {label.lower(): s for s, label in ACTION_STATUS_LABELS.items()}
    by_name |= {s.value: s for s in ActionStatus}
    found = by_name.get(text.lower().replace("-", " ").strip() or "not started")
    if found is None:
        names = ", ".join(ACTION_STATUS_LABELS.values())
        problems.append(f"column status: “{text}” is not a status: use one of {names}")
    elif refusal := creation_status_refusal(found):
        problems.append(f"column status: {refusal}")
    return found or ActionStatus.NOT_STARTED


def _expectations(text: str, context: Context, problems: list[str]) -> list[int]:
    numbers = _split(text)
    if not numbers:
        problems.append("column expectations: enter the number of at least one expectation")
    ids = []
    for number in numbers:
        if number.isdigit() and int(number) in context.expectations:
            ids.append(context.expectations[int(number)])
        else:
            known = ", ".join(str(n) for n in sorted(context.expectations)) or "none"
            problems.append(
                f"column expectations: the notice has no expectation “{number}” "
                f"(its expectations are {known})"
            )
    return ids


def _themes(text: str, context: Context, problems: list[str]) -> list[str]:
    keys = []
    for name in _split(text):
        if name.lower() in context.themes:
            keys.append(context.themes[name.lower()])
        else:
            problems.append(f"column themes: “{name}” is not one of the guidance's seven themes")
    return keys


def _row(line: Line, context: Context) -> ActionRow | list[str]:
    cells, problems = line.cells, list[str]()
    title = _text(cells, "title", "the action's title", TITLE_MAX, problems)
    owner = _text(cells, "owner", "who owns the action", OWNER_MAX, problems)
    raw_due = cells.get("due", "")
    due_on = parse_date(raw_due)
    if not raw_due:
        problems.append("column due: enter the date the action is due")
    elif due_on is None:
        problems.append(
            f"column due: enter a real date like 2024-03-31 or 31/03/2024, not “{raw_due}”"
        )
    status = _status(cells.get("status", ""), problems)
    expectation_ids = _expectations(cells.get("expectations", ""), context, problems)
    theme_keys = _themes(cells.get("themes", ""), context, problems)
    if title and title.lower() in context.titles_in_plan:
        problems.append(f"column title: the plan already has an action “{title}”")
    if problems or due_on is None:
        return [f"Line {line.number}, {p}." for p in problems]
    description = cells.get("description", "")
    return ActionRow(
        line.number, title, owner, due_on, status, expectation_ids, theme_keys, description
    )


def check_actions(lines: list[Line], context: Context) -> list[ActionRow]:
    """Every action of the file, or ImportRefused naming every problem by line and column,
    titles repeated within the file included."""
    rows, problems = [], []
    first_line: dict[str, int] = {}
    for line in lines:
        title = line.cells.get("title", "").lower()
        if title in first_line:
            problems.append(
                f"Line {line.number}, column title: “{line.cells['title']}” is already on line "
                f"{first_line[title]}."
            )
        elif title:
            first_line[title] = line.number
        result = _row(line, context)
        if isinstance(result, list):
            problems.extend(result)
        else:
            rows.append(result)
    if problems:
        raise ImportRefused(problems)
    return rows
