"""The words of a reminder email, in plain GOV.UK style: what is due, when, and a link to it.

Pure: callers pass the items with their lead times, `today`, and the links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bestvalue.core.dates import uk_date
from bestvalue.reminders.rules import MADE, OVERDUE, DueItem, when


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def _headline(item: DueItem, stage: int, today: dt.date) -> str:
    if stage == OVERDUE:
        return f"Overdue since {uk_date(item.due_on)} ({when(item.due_on, today)})"
    phrase = when(item.due_on, today, can_be_overdue=item.can_be_overdue)
    if stage == MADE:
        return f"New. Due {phrase}: {uk_date(item.due_on)}"
    return f"Due {phrase}: {uk_date(item.due_on)}"


def compose(
    *,
    name: str,
    service_name: str,
    entries: Sequence[tuple[DueItem, int]],
    today: dt.date,
    link: Callable[[DueItem], str],
    due_page: str,
    preferences_page: str,
) -> Message:
    """One email for all the user's reminders of a run: overdue first, then by date."""
    ordered = sorted(entries, key=lambda e: (e[1] != OVERDUE, e[0].due_on, e[0].title))
    if len(ordered) == 1:
        item, stage = ordered[0]
        when_text = "overdue" if stage == OVERDUE else f"due {when(item.due_on, today)}"
        if stage == MADE:
            when_text = "new, " + when_text
        subject = f"{item.title}: {when_text}"
    else:
        overdue = sum(1 for _, stage in ordered if stage == OVERDUE)
        subject = f"{len(ordered)} dates need your attention"
        if overdue:
            subject += f" ({overdue} overdue)"
    paragraphs = [
        f"Hello {name},",
        "This date concerns you." if len(ordered) == 1 else "These dates concern you.",
    ]
    for item, stage in ordered:
        paragraphs.append(
            "\n".join([item.title, _headline(item, stage, today), item.detail, link(item)])
        )
    paragraphs += [
        f"See every date that concerns you:\n{due_page}",
        f"To choose which reminders you get, or to stop these emails:\n{preferences_page}",
        service_name,
    ]
    return Message(subject=subject[:200], body="\n\n".join(paragraphs) + "\n")
