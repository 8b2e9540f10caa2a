"""The register events a letter or statement states: a notice issued, a revised notice issued in
its place (reissued), or a notice ended without a new one (not reissued), with dates and periods.

Pure. The rules read English the way notices and council statements are written: an event is a
verb ("issued", "received", "extended", "expired", "would not be reissued") near a notice ("the
Notice", "a revised Best Value Notice"); its date is the date written nearest that verb, or the
date a sentence opens with ("On 3 August 2023 we were issued with..."); its period is stated in
the same sentence or about the current notice nearby ("It will remain in place for six months").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from bestvalue.letters.cues import (
    DATED_BY_STATEMENT,
    PRONOUN,
    REPLACES_EARLIER,
    event_confidence,
    event_cues,
)
from bestvalue.letters.dates import (
    DEADLINE_FORMS,
    FROM_DOCUMENT_DATE,
    FoundDate,
    FoundPeriod,
    find_dates,
    find_periods,
)
from bestvalue.letters.text import Span, sentences

ISSUED, REISSUED, NOT_REISSUED = "issued", "reissued", "not_reissued"
_ORDER = {ISSUED: 0, REISSUED: 1, NOT_REISSUED: 2}

# A notice: "the Notice", "a non-statutory Best Value Notice", "a second Best Value Notice".
# Without a word before it ("issued notice of this request") it is not a Best Value Notice.
_MODIFIERS = (
    "the|a|an|this|that|its|our|their|your|first|second|third|revised|renewed|new|further|"
    "latest|updated|upgraded|original|previous|initial|earlier|replacement|subsequent|another|"
    "current|existing|non-statutory|statutory|formal|[\\w]+-month|best|value"
)
_NOTICE = re.compile(rf"\b(?:(?:{_MODIFIERS})\s+){{1,6}}notices?\b|\bBVNs?\b", re.I)
_REISSUE_MODIFIERS = frozenset(
    [
        "revised",
        "renewed",
        "second",
        "third",
        "further",
        "updated",
        "upgraded",
        "replacement",
        "subsequent",
        "another",
    ]
)
_NOT_REISSUED = re.compile(
    r"\b(?:not\s+(?:to\s+)?(?:be\s+|been\s+|being\s+)?"
    r"(?:re-?issu(?:e|ed|ing)|renew(?:ed|ing)?|extend(?:ed|ing)?|re-?impos(?:e|ed|ing)|continued)"
    r"|no\s+longer\s+(?:be\s+)?(?:in\s+place|in\s+force|subject\s+to|under)"
    r"|lapsed|expired|removed|lifted|ended|came\s+to\s+an\s+end"
    r"|(?:allowed|let)\s+(?:[\w\u2019'(),&-]+\s+){0,20}?to\s+(?:lapse|expire))\b",
    re.I,
)
_REISSUE_VERB = re.compile(
    r"\b(?:re-?issued|re-?issuing|renewed|extended|replaced|upgraded|revised)\b", re.I
)
# "issue" is a verb only after these words; elsewhere it is usually the noun ("serious issues").
_ISSUE_VERB = re.compile(
    r"\b(?:issued|issuing|received|served|imposed|dated"
    r"|(?<=\bto\s)issue|(?<=\bI\s)issue|(?<=\bwe\s)issue|(?<=\bhereby\s)issue)\b",
    re.I,
)
# In a letter, the present tense dates an event by the letter itself: "I am writing to confirm
# that the Notice will not be reissued", "This Best Value Notice is issued to...".
_LETTER_PRESENT = re.compile(
    r"\b(?:I\s+(?:am\s+)?writ(?:e|ing)\s+to\s+(?:confirm|inform|notify|advise|tell|issue)"
    r"|hereby|I\s+(?:can|am\s+pleased\s+to)\s+confirm|this\s+letter\s+(?:confirms|is\s+to)"
    r"|(?:is|am|are)\s+(?:now\s+)?issuing|is\s+(?:being\s+)?issued\s+to)\b",
    re.I,
)
# Words before a verb that make it a possibility, not an event ("whether a further notice needs
# to be issued"). Dates are blanked out first, so the month May is not the verb may.
_HYPOTHETICAL = re.compile(
    r"\b(?:whether|if|should|could|may|might|would|will|shall|needs?\s+to|to\s+be|consider\w*)\b",
    re.I,
)
# A notice described beside an earlier one it replaces is a reissue of it ("the Best Value Notice
# issued on 30 January 2024, following the expiry of the existing Notice", "a notice replacing
# the one issued in 2023").
_EARLIER = frozenset(["existing", "previous", "earlier", "original", "initial", "first", "old"])
_REPLACING = re.compile(
    r"\b(?:replac(?:es|ing)|supersed(?:es|ing)|in\s+place\s+of|takes?\s+the\s+place\s+of"
    r"|following\s+the\s+(?:expiry|end)\s+of)\s+$",
    re.I,
)
# An outcome stated in the present, perfect or future tense is dated by the statement itself:
# "The notice ... will not be renewed", "MHCLG has confirmed that the notice has been lifted".
_STATEMENT_TENSE = re.compile(
    r"\b(?:will|has|have|is|are|am|today|now|this\s+week|confirm(?:s|ed)?)\b", re.I
)
_PRONOUN_BEFORE = re.compile(r"\b(?:it|this|which)\s+(?:\w+\s+){0,3}$", re.I)
# A notice must be this close to its verb (in characters) to be what the verb is about.
_NOTICE_REACH = 110
# A date this far from its verb, or with one of these words between, belongs to something else
# ("issued following the publication of a review undertaken in July 2023").
_DATE_REACH = 120
_BETWEEN_BLOCKERS = re.compile(
    r"\b(?:following|after|which|who|when|where|while|because|since|until|publication|review|"
    r"meeting|report|voted|considering)\b|;",
    re.I,
)
# A date just after one of these is a bound, not the day something happened.
_BOUND = re.compile(
    r"\b(?:since|until|till|before|after|by|prior\s+to|up\s+to|ahead\s+of|within|following)\s+"
    r"(?:the\s+end\s+of\s+)?$",
    re.I,
)
_OPENER = re.compile(r"^\W*(?:(?:on|in|dated?|as\s+of|at)\s+)?$", re.I)
# Outside a sentence with an event, a stated period is about the notice only where the sentence
# says so ("The notice remained in place for 12 months", "It will remain in place for...").
_ABOUT_NOTICE = re.compile(r"\bnotices?\b|\bin\s+(?:place|force)\b|\bremain", re.I)


@dataclass(frozen=True)
class Mention:
    kind: str
    start: int  # span of verb and notice together
    end: int
    sentence: Span
    date: FoundDate | None = None
    cues: tuple[str, ...] = ()  # the weak cues the reading rests on, for the person checking


@dataclass(frozen=True)
class Event:
    kind: str
    on: str | None  # "2024-01-30", "2024-01" or None
    period_months: int | None
    passage: str
    confidence: float
    period_passage: str | None = None
    period_confidence: float | None = None
    date_passage: str | None = None
    sort_key: tuple[int, int, int] = (0, 0, 0)
    cues: tuple[str, ...] = ()  # why the confidence is lower than a plain written reading's


def _nearest_notice(sentence: Span, start: int, end: int) -> re.Match[str] | None:
    best: tuple[int, re.Match[str]] | None = None
    for notice in _NOTICE.finditer(sentence.text):
        n_start, n_end = sentence.start + notice.start(), sentence.start + notice.end()
        gap = max(n_start - end, start - n_end, 0)
        if gap <= _NOTICE_REACH and (best is None or gap < best[0]):
            best = (gap, notice)
    return best[1] if best else None


def _modifiers(notice: re.Match[str]) -> set[str]:
    return {w.casefold() for w in notice.group().split()}


def _blanked(sentence: Span, dates: list[FoundDate]) -> str:
    text = sentence.text
    for date in dates:
        if sentence.start <= date.start and date.end <= sentence.end:
            a, b = date.start - sentence.start, date.end - sentence.start
            text = text[:a] + "#" * (b - a) + text[b:]
    return text


def _mention(sentence: Span, text: str, kind: str, verb: re.Match[str]) -> Mention | None:
    """The event a verb states, if it is about a notice and is not a mere possibility."""
    v_start, v_end = sentence.start + verb.start(), sentence.start + verb.end()
    notice = _nearest_notice(sentence, v_start, v_end)
    if notice is None:
        # "...confirmed that it would not be re-issued": the notice named earlier in the sentence.
        if _NOTICE.search(sentence.text) and _PRONOUN_BEFORE.search(text[: verb.start()]):
            return Mention(kind, v_start, v_end, sentence, cues=(PRONOUN,))
        return None
    n_start, n_end = sentence.start + notice.start(), sentence.start + notice.end()
    if n_start <= v_start and v_end <= n_end:
        return None  # "revised" inside "a revised notice" describes it; it is not a verb
    if verb.group().casefold() == "received" and n_start < v_start:
        return None  # an authority receives a notice; a letter "received today" is not one
    if verb.group().casefold() == "dated" and not 0 <= v_start - n_end <= 3:
        return None  # "the Notice, dated 19 December 2023", not "a letter dated..."
    if kind != NOT_REISSUED and _HYPOTHETICAL.search(
        text[max(0, verb.start() - 40) : verb.start()]
    ):
        return None
    cues: tuple[str, ...] = ()
    if kind == ISSUED and _modifiers(notice) & _REISSUE_MODIFIERS:
        kind = REISSUED
    elif kind == ISSUED and _replaces_earlier(sentence, notice):
        kind, cues = REISSUED, (REPLACES_EARLIER,)
    return Mention(kind, min(v_start, n_start), max(v_end, n_end), sentence, cues=cues)


def _replaces_earlier(sentence: Span, notice: re.Match[str]) -> bool:
    """Whether the sentence describes `notice` as replacing an earlier notice: another notice
    in it is called existing, previous, original... or follows "replacing", "following the
    expiry of"; `notice` itself is neither."""
    if _modifiers(notice) & _EARLIER or _REPLACING.search(sentence.text[: notice.start()]):
        return False
    for other in _NOTICE.finditer(sentence.text):
        if other.start() == notice.start():
            continue
        if _modifiers(other) & _EARLIER or _REPLACING.search(sentence.text[: other.start()]):
            return True
    return False


def _mentions_in(sentence: Span, dates: list[FoundDate]) -> list[Mention]:
    text = _blanked(sentence, dates)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    patterns = ((NOT_REISSUED, _NOT_REISSUED), (REISSUED, _REISSUE_VERB), (ISSUED, _ISSUE_VERB))
    for kind, pattern in patterns:
        for verb in pattern.finditer(text):
            v_start, v_end = sentence.start + verb.start(), sentence.start + verb.end()
            if any(v_start < e and s < v_end for s, e in taken):
                continue
            mention = _mention(sentence, text, kind, verb)
            if mention is not None:
                taken.append((v_start, v_end))
                found.append(mention)
    # One notice and one outcome in a sentence ("had expired and would not be reissued") is one
    # mention.
    unique: dict[tuple[str, int], Mention] = {}
    for mention in sorted(found, key=lambda m: m.start):
        unique.setdefault((mention.kind, _notice_key(mention)), mention)
    return list(unique.values())


def _notice_key(mention: Mention) -> int:
    notice = _nearest_notice(mention.sentence, mention.start, mention.end)
    return notice.start() if notice else -1


def _usable(date: FoundDate, text: str) -> bool:
    if date.precision == "year" or date.form in DEADLINE_FORMS:
        return False
    return not _BOUND.search(text[max(0, date.start - 30) : date.start])


def _gap(text: str, mention: Mention, date: FoundDate) -> int | None:
    """Characters between a mention and a date, or None when the date cannot be the mention's."""
    if mention.kind == NOT_REISSUED and _describes_the_notice(text, mention, date):
        return None
    between = (
        text[mention.end : date.start]
        if date.start >= mention.end
        else text[date.end : mention.start]
    )
    if len(between) > _DATE_REACH or _BETWEEN_BLOCKERS.search(between):
        return None
    return len(between)


def _describes_the_notice(text: str, mention: Mention, date: FoundDate) -> bool:
    """Whether a date near an outcome belongs to the notice instead: it sits between the notice
    and the outcome's verb ("the notice issued in December 2023 will not be renewed") or just
    after an issue verb."""
    inside = mention.start <= date.start and date.end <= mention.end
    return inside or bool(_ISSUE_VERB.search(text[max(0, date.start - 40) : date.start]))


def _date_mentions(text: str, mentions: list[Mention], dates: list[FoundDate]) -> list[Mention]:
    """Give each mention in one sentence the date that belongs to it, if any."""
    if not mentions:
        return mentions
    sentence = mentions[0].sentence
    candidates = [
        d for d in dates if sentence.start <= d.start and d.end <= sentence.end and _usable(d, text)
    ]
    pairs = []
    for i, mention in enumerate(mentions):
        for j, date in enumerate(candidates):
            gap = _gap(text, mention, date)
            if gap is not None:
                pairs.append((gap, i, j))
    given: dict[int, FoundDate] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in given and j not in used:
            given[i] = candidates[j]
            used.add(j)
    # "On 19 December 2024, MHCLG informed the Council that the Notice would not be reissued":
    # a date that opens the sentence dates its first event, however far away the verb is.
    if candidates and 0 not in given:
        opener = candidates[0]
        if opener not in given.values() and _OPENER.match(text[sentence.start : opener.start]):
            given[0] = opener
    return [replace(m, date=given.get(i)) for i, m in enumerate(mentions)]


def _dated_by_letter(mention: Mention, published_on: dt.date | None) -> Mention:
    """An undated event a letter performs in the present tense happens on the letter's date."""
    phrase = _LETTER_PRESENT.search(mention.sentence.text)
    if mention.date is not None or published_on is None or phrase is None:
        return mention
    start = mention.sentence.start + phrase.start()
    date = FoundDate(
        start=start,
        end=start + len(phrase.group()),
        text=phrase.group(),
        year=published_on.year,
        month=published_on.month,
        day=published_on.day,
        confidence=FROM_DOCUMENT_DATE,
        form="letter",
    )
    return replace(mention, date=date)


def _dated_by_statement(mention: Mention, published_on: dt.date | None) -> Mention:
    """An undated outcome ("will not be renewed", "has been lifted") stated in the present,
    perfect or future tense happened when the statement was made: it takes the document's date,
    never the notice's."""
    if mention.kind != NOT_REISSUED or mention.date is not None or published_on is None:
        return mention
    text = mention.sentence.text
    if not _STATEMENT_TENSE.search(text):
        return mention
    date = FoundDate(
        start=mention.start,
        end=mention.end,
        text=published_on.strftime("%-d %B %Y"),
        year=published_on.year,
        month=published_on.month,
        day=published_on.day,
        confidence=FROM_DOCUMENT_DATE,
        form="statement",
    )
    return replace(mention, date=date, cues=(*mention.cues, DATED_BY_STATEMENT))


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _more_precise(a: str | None, b: str | None) -> str | None:
    return max((a, b), key=lambda v: len(v or ""))


@dataclass
class _Draft:
    kind: str
    on: str | None
    mentions: list[Mention]
    date: FoundDate | None = None
    period: FoundPeriod | None = None
    period_confidence: float = 0.0


def _merge(mentions: list[Mention]) -> list[_Draft]:
    """Mentions of the same event become one event: same kind, and dates that agree (or one
    undated mention referring back to the nearest earlier event of its kind)."""
    drafts: list[_Draft] = []
    for mention in mentions:
        on = mention.date.iso if mention.date else None
        same = [d for d in drafts if d.kind == mention.kind]
        if on is not None:
            target = next((d for d in same if d.on and _compatible(d.on, on)), None)
            target = target or next((d for d in reversed(same) if d.on is None), None)
        else:
            target = same[-1] if same else None
            if target is None and mention.kind == ISSUED:
                # "The notice was issued because..." after "a revised notice was issued on...".
                target = next((d for d in reversed(drafts) if d.kind == REISSUED), None)
        if target is None:
            drafts.append(_Draft(mention.kind, on, [mention], mention.date))
            continue
        target.mentions.append(mention)
        if on and _more_precise(target.on, on) == on and on != target.on:
            target.on, target.date = on, mention.date
    # A revised notice is itself issued: "the notice was issued on 30 January 2024" beside "a
    # revised notice was issued on 30 January 2024" is one reissue.
    reissue_dates = {d.on for d in drafts if d.kind == REISSUED and d.on}
    return [d for d in drafts if not (d.kind == ISSUED and d.on in reissue_dates)]


def _sort_key(draft: _Draft, drafts: list[_Draft]) -> tuple[int, int, int]:
    """Oldest first. An undated event sorts after the dated events it must follow: a reissue
    after the issue, an end after everything."""

    def parts(on: str) -> tuple[int, int, int]:
        year, month, day = [*(int(p) for p in on.split("-")), 0, 0][:3]
        return year, month, day

    if draft.on:
        return parts(draft.on)
    earlier = [parts(d.on) for d in drafts if d.on and _ORDER[d.kind] <= _ORDER[draft.kind]]
    return max(earlier, default=(0, 0, 0))


def _sentence_at(all_sentences: list[Span], position: int) -> Span:
    index = bisect.bisect_right(all_sentences, position, key=lambda s: s.start) - 1
    return all_sentences[max(0, index)]


def _previous_sentences_notice(
    all_sentences: list[Span],
    sentence: Span,
    by_sentence: dict[int, list[tuple[Mention, _Draft]]],
) -> _Draft | None:
    index = all_sentences.index(sentence)
    if index == 0:
        return None
    drafts = {id(d): d for _, d in by_sentence.get(all_sentences[index - 1].start, [])}
    return next(iter(drafts.values())) if len(drafts) == 1 else None


def _attach_periods(
    all_sentences: list[Span], drafts: list[_Draft], periods: list[FoundPeriod]
) -> None:
    ordered = sorted(drafts, key=lambda d: (_sort_key(d, drafts), _ORDER[d.kind]))
    notices = [d for d in ordered if d.kind in (ISSUED, REISSUED)]
    if not notices:
        return
    by_sentence: dict[int, list[tuple[Mention, _Draft]]] = {}
    for draft in notices:
        for mention in draft.mentions:
            by_sentence.setdefault(mention.sentence.start, []).append((mention, draft))
    # Stated periods before implied ones, so "for six months" wins over "six months from now".
    for period in sorted(periods, key=lambda p: p.strength != "stated"):
        sentence = _sentence_at(all_sentences, period.start)
        in_sentence = [
            (abs(m.start - period.start), d) for m, d in by_sentence.get(sentence.start, [])
        ]
        if in_sentence:
            target, confidence = min(in_sentence, key=lambda item: item[0])[1], 0.9
        elif period.strength == "stated" and not _ABOUT_NOTICE.search(sentence.text):
            continue
        else:
            # Said of no event in particular: it is about the notice the sentence before is
            # about ("...issued a notice. That notice was in place for 12 months."), else the
            # current notice, the latest one.
            previous = _previous_sentences_notice(all_sentences, sentence, by_sentence)
            target = previous or notices[-1]
            confidence = 0.7 if period.strength == "stated" else 0.5
        if target.period is None:
            target.period, target.period_confidence = period, confidence


def find_events(text: str, *, published_on: dt.date | None = None) -> list[Event]:
    """The events the text states, oldest first."""
    dates = find_dates(text, document_date=published_on)
    starts = [d.start for d in dates]
    mentions: list[Mention] = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        if sentence.text.rstrip().endswith("?"):
            continue  # a question ("Is it not time for the Government to issue...?") states none
        local = dates[
            bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)
        ]
        found = _date_mentions(text, _mentions_in(sentence, local), local)
        mentions += [
            _dated_by_statement(_dated_by_letter(m, published_on), published_on) for m in found
        ]
    drafts = _merge(mentions)
    _attach_periods(all_sentences, drafts, find_periods(text))
    events = []
    for draft in drafts:
        dated = next((m for m in draft.mentions if m.date is draft.date), draft.mentions[0])
        cues = event_cues([c for m in draft.mentions for c in m.cues], draft.date, draft.on)
        events.append(
            Event(
                kind=draft.kind,
                on=draft.on,
                period_months=draft.period.months if draft.period else None,
                passage=dated.sentence.text,
                confidence=event_confidence(draft.date, draft.on, cues),
                period_passage=(
                    _sentence_at(all_sentences, draft.period.start).text if draft.period else None
                ),
                period_confidence=draft.period_confidence if draft.period else None,
                date_passage=draft.date.text if draft.date else None,
                sort_key=_sort_key(draft, drafts),
                cues=cues,
            )
        )
    return sorted(events, key=lambda e: (e.sort_key, _ORDER[e.kind]))
