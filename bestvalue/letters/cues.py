"""The weak cues an imported event's reading may rest on, as a proposal shows them to the person
checking it, and how much each lowers the event's confidence. Pure.

A date's own confidence already counts how much of it was inferred (dates.py); these add what the
reading of the event itself took on trust: a pronoun for the notice, a reissue inferred from the
earlier notice it replaces, an outcome dated by the statement rather than by the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from bestvalue.letters.dates import FROM_DOCUMENT_DATE, FoundDate

PRONOUN = "the notice is referred to only as \u2018it\u2019 or \u2018which\u2019"
REPLACES_EARLIER = "read as a reissue because the text describes an earlier notice it replaces"
DATED_BY_STATEMENT = "no date is given for the outcome: dated by the statement itself"
RELATIVE_DATE = "date worked out from the document\u2019s date"
GUESSED_YEAR = "date only partly written: its year or day was inferred"
UNDATED = "no date in the text"
UNRESOLVED_DATE = "a date counted from the document\u2019s own date, which is not known"
_WEIGHT = {PRONOUN: 0.9, REPLACES_EARLIER: 0.85, DATED_BY_STATEMENT: 0.9}
# Date forms resolved by counting from the document's (or the letter's) own date.
_COUNTED_FORMS = frozenset(
    [
        "relative_day",
        "relative_month",
        "relative_this_month",
        "relative_ago",
        "relative_weekday",
        "letter",
    ]
)


def event_cues(
    mention_cues: Iterable[str], date: FoundDate | None, on: str | None
) -> tuple[str, ...]:
    """The weak cues an event's reading rests on, each once, in the order found: those of its
    mentions, then how its date was had."""
    found = list(mention_cues)
    if date is None:
        found.append(UNDATED)
    elif on is None:
        found.append(f"{UNRESOLVED_DATE} (\u2018{date.text}\u2019)")
    elif date.form in _COUNTED_FORMS:
        found.append(f"{RELATIVE_DATE} (\u2018{date.text}\u2019)")
    elif date.form == "dm" or date.confidence < FROM_DOCUMENT_DATE:
        found.append(f"{GUESSED_YEAR} (\u2018{date.text}\u2019)")
    return tuple(dict.fromkeys(found))


def event_confidence(date: FoundDate | None, on: str | None, cues: Iterable[str]) -> float:
    """A written date makes an event about 0.93 sure, none 0.6; each weak cue takes some away."""
    base = 0.6 if date is None or on is None else min(0.95, 0.55 + 0.4 * date.confidence)
    for cue in cues:
        base *= _WEIGHT.get(cue.split(" (")[0], 1.0)
    return round(base, 2)
