"""Find which authority a letter or statement is about, from the names it uses for it.

Pure: the name variants are passed in (from the database by `selectors.name_variants`, or from the
reference files by `reference_variants`). Evidence, strongest first: a full name ("Middlesbrough
Borough Council", "Cambridgeshire and Peterborough Combined Authority"), a place name with an
organisation word ("Middlesbrough Council"), an initialism ("BCP Council", "CPCA"), the page's own
web address (bcpcouncil.gov.uk), a bare place name ("Newham"). Short forms ("the Council", "the
Combined Authority") add weight to the one authority of that kind the text names, never on their own.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from bestvalue.authorities.kinds import COMBINED_KINDS, AuthorityKind
from bestvalue.authorities.reference import ReferenceData, normalise_name, read_reference_data


class NameVariant(NamedTuple):
    gss_code: str
    name: str
    normalised: str  # as bestvalue.authorities.reference.normalise_name makes it
    kind: str  # an AuthorityKind value
    is_current: bool = True


@dataclass(frozen=True)
class AuthorityMatch:
    gss_code: str
    name: str
    confidence: float
    passage: str  # the words in the text (or the web address) the match rests on
    start: int | None  # span of the passage in the text; None for an address given separately
    end: int | None
    evidence: str  # "name" | "place and organisation" | "initials" | "web address" | "place"


@dataclass(frozen=True)
class AuthorityMention:
    gss_codes: tuple[str, ...]
    start: int | None
    end: int | None
    text: str
    evidence: str


def variants_from_reference(data: ReferenceData) -> list[NameVariant]:
    return [
        NameVariant(r.gss_code, name, normalise_name(name), r.kind, r.is_current)
        for r in data.authorities.values()
        for name in r.names
    ]


@functools.cache
def reference_variants() -> tuple[NameVariant, ...]:
    """Every name variant in the reference files shipped with the service (read once)."""
    return tuple(variants_from_reference(read_reference_data()))


# Words that name the organisation rather than the place. A variant without any is a bare place
# name ("Newham"), which may mean the area rather than the council.
ORGANISATION_WORDS = frozenset(
    [
        "council",
        "borough",
        "district",
        "city",
        "county",
        "metropolitan",
        "combined",
        "authority",
        "mayoral",
        "unitary",
        "ua",
        "ca",
        "boro",
        "corporation",
    ]
)
# Small words inside names, written in lower case ("Kingston upon Hull", "Stoke-on-Trent").
SMALL_WORDS = frozenset(
    ["and", "of", "the", "upon", "on", "in", "under", "with", "le", "en", "by", "s"]
)
# Organisation words after a place name, and the kinds of authority each can describe.
_COUNCIL = "council"
_COMBINED = "combined"
SUFFIXES: dict[tuple[str, ...], str] = {
    ("council",): _COUNCIL,
    ("borough", "council"): _COUNCIL,
    ("city", "council"): _COUNCIL,
    ("county", "council"): _COUNCIL,
    ("district", "council"): _COUNCIL,
    ("metropolitan", "borough", "council"): _COUNCIL,
    ("combined", "authority"): _COMBINED,
    ("combined", "county", "authority"): _COMBINED,
    ("mayoral", "combined", "authority"): _COMBINED,
    ("ca",): _COMBINED,
}
PREFIXES: dict[tuple[str, ...], str] = {
    ("london", "borough", "of"): _COUNCIL,
    ("royal", "borough", "of"): _COUNCIL,
    ("borough", "of"): _COUNCIL,
    ("city", "of"): _COUNCIL,
}
_COUNCIL_KINDS = (
    frozenset(AuthorityKind.values) - COMBINED_KINDS - {AuthorityKind.STRATEGIC_REGIONAL_AUTHORITY}
)
_KINDS_FOR = {_COUNCIL: _COUNCIL_KINDS, _COMBINED: COMBINED_KINDS}

# How much each kind of evidence counts, and how sure a match on it alone is.
WEIGHTS = {
    "name": 1.0,
    "place and organisation": 1.0,
    "initials": 0.6,
    "web address": 1.0,
    "place": 0.4,
}
CONFIDENCE = {
    "name": 0.95,
    "place and organisation": 0.9,
    "initials": 0.7,
    "web address": 0.75,
    "place": 0.6,
}
SHORT_FORM_WEIGHT = 0.25
_SHORT_FORMS = [
    (re.compile(r"\b(?:the|our|this)\s+council\b(?!\s+tax)", re.I), _COUNCIL),
    (
        re.compile(
            r"\b(?:the|our|this)\s+(?:mayoral\s+)?combined\s+(?:county\s+)?authority\b", re.I
        ),
        _COMBINED,
    ),
]

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|&")
# Tokens must be next to each other in one phrase: no sentence punctuation or paragraph between.
_BREAK = re.compile(r"[.;:!?()\[\]\"\u201c\u201d]|\n\s*\n")


class _Token(NamedTuple):
    start: int
    end: int
    raw: str
    norm: str


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group(), "and" if m.group() == "&" else m.group().casefold())
        for m in _TOKEN.finditer(text)
    ]


def _adjacent(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    """Whether tokens i..j (inclusive) form one unbroken phrase."""
    return all(not _BREAK.search(text[tokens[k].end : tokens[k + 1].start]) for k in range(i, j))


def _capitalised(tokens: Iterable[_Token]) -> bool:
    # Place names are proper nouns: "reading the letter" is not Reading.
    return all(
        t.norm in SMALL_WORDS or t.norm in ORGANISATION_WORDS or not t.raw[0].islower()
        for t in tokens
    )


class _Index(NamedTuple):
    by_name: dict[tuple[str, ...], tuple[NameVariant, ...]]
    longest: int
    display: dict[str, str]
    kinds: dict[str, str]
    initials: dict[str, tuple[str, ...]]
    words: dict[str, list[tuple[str, ...]]]
    current: frozenset[str]
    first_words: frozenset[str]


def _initials(normalised: str) -> list[str]:
    words = [w for w in normalised.split() if w not in SMALL_WORDS]
    places = [w for w in words if w not in ORGANISATION_WORDS]
    forms = {"".join(w[0] for w in words), "".join(w[0] for w in places)}
    return [f for f in forms if len(f) >= 3 and len(words) >= 2]


@functools.lru_cache(maxsize=4)
def _index(variants: tuple[NameVariant, ...]) -> _Index:
    by_name: dict[tuple[str, ...], list[NameVariant]] = defaultdict(list)
    display: dict[str, str] = {}
    kinds: dict[str, str] = {}
    initials: dict[str, set[str]] = defaultdict(set)
    words: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for variant in variants:
        key = tuple(t.norm for t in _tokens(variant.normalised))
        by_name[key].append(variant)
        kinds[variant.gss_code] = variant.kind
        words[variant.gss_code].append(key)
        # Show the longest properly capitalised name: usually the official one.
        shown = display.get(variant.gss_code, "")
        if variant.name != variant.name.casefold() and len(variant.name) > len(shown):
            display[variant.gss_code] = variant.name
        if variant.is_current:
            for form in _initials(variant.normalised):
                initials[form].add(variant.gss_code)
    for gss in kinds:
        display.setdefault(gss, next(v.name for v in variants if v.gss_code == gss))
    return _Index(
        by_name={k: tuple(v) for k, v in by_name.items()},
        longest=max((len(k) for k in by_name), default=0),
        display=display,
        kinds=kinds,
        initials={k: tuple(sorted(v)) for k, v in initials.items() if len(v) == 1},
        words=dict(words),
        current=frozenset(v.gss_code for v in variants if v.is_current),
        first_words=frozenset(k[0] for k in by_name if k),
    )


def _current_first(found: Iterable[NameVariant]) -> tuple[str, ...]:
    """The authorities a name may mean; current ones only, where any is current."""
    found = list(found)
    current = [v for v in found if v.is_current]
    return tuple(sorted({v.gss_code for v in (current or found)}))


def _affix(
    text: str, tokens: list[_Token], i: int, j: int, index: _Index, codes: tuple[str, ...]
) -> tuple[int, int, tuple[str, ...]] | None:
    """A bare place name widened by an organisation word before or after it ("Middlesbrough
    Council", "London Borough of Newham"), with the authorities whose kind fits."""
    for words, group in SUFFIXES.items():
        end = j + len(words)
        following = tuple(t.norm for t in tokens[j + 1 : end + 1])
        fitting = tuple(c for c in codes if index.kinds[c] in _KINDS_FOR[group])
        if following == words and fitting and _adjacent(text, tokens, j, end):
            return i, end, fitting
    for words, group in PREFIXES.items():
        start = i - len(words)
        preceding = tuple(t.norm for t in tokens[max(0, start) : i])
        fitting = tuple(c for c in codes if index.kinds[c] in _KINDS_FOR[group])
        if start >= 0 and preceding == words and fitting and _adjacent(text, tokens, start, i):
            return start, j, fitting
    return None


def _name_mentions(text: str, tokens: list[_Token], index: _Index) -> list[AuthorityMention]:
    mentions: list[AuthorityMention] = []
    i = 0
    while i < len(tokens):
        if tokens[i].norm not in index.first_words:
            i += 1
            continue
        for n in range(min(index.longest, len(tokens) - i), 0, -1):
            key = tuple(t.norm for t in tokens[i : i + n])
            found = index.by_name.get(key)
            if not found or not _adjacent(text, tokens, i, i + n - 1):
                continue
            if not _capitalised(tokens[i : i + n]):
                continue
            codes = _current_first(found)
            evidence = "name" if ORGANISATION_WORDS & set(key) else "place"
            first, last = i, i + n - 1
            if evidence == "place":
                widened = _affix(text, tokens, first, last, index, codes)
                if widened:
                    first, last, codes = widened
                    evidence = "place and organisation"
            start, end = tokens[first].start, tokens[last].end
            mentions.append(AuthorityMention(codes, start, end, text[start:end], evidence))
            i = last
            break
        i += 1
    return mentions


def _initial_mentions(text: str, tokens: list[_Token], index: _Index) -> list[AuthorityMention]:
    mentions = []
    for k, token in enumerate(tokens):
        raw = token.raw
        if not (3 <= len(raw) <= 6 and raw.isalpha() and raw.isupper()):
            continue
        codes = index.initials.get(raw.casefold())
        if not codes:
            continue
        end = token.end
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if following and following.norm == "council" and _adjacent(text, tokens, k, k + 1):
            end = following.end
        mentions.append(
            AuthorityMention(codes, token.start, end, text[token.start : end], "initials")
        )
    return mentions


# Council web addresses shorten county names the traditional way (scambs.gov.uk, southglos.gov.uk).
COUNTY_ABBREVIATIONS = {
    "bedfordshire": "beds",
    "berkshire": "berks",
    "buckinghamshire": "bucks",
    "cambridgeshire": "cambs",
    "derbyshire": "derbys",
    "gloucestershire": "glos",
    "hampshire": "hants",
    "hertfordshire": "herts",
    "lancashire": "lancs",
    "leicestershire": "leics",
    "lincolnshire": "lincs",
    "northamptonshire": "northants",
    "nottinghamshire": "notts",
    "oxfordshire": "oxon",
    "staffordshire": "staffs",
    "warwickshire": "warks",
    "wiltshire": "wilts",
    "worcestershire": "worcs",
    "yorkshire": "yorks",
}
# What a site name may end with after the place: "bcpcouncil", "northeast-ca".
_ADDRESS_TAILS = {
    _COUNCIL: frozenset({"", "council", "cc", "dc", "bc", "mbc", "gov"}),
    _COMBINED: frozenset({"", "ca", "mca", "cca"}),
}
_PUBLIC_SUFFIXES = (".gov.uk", ".org.uk", ".co.uk", ".ac.uk", ".uk", ".com", ".org", ".net")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})", re.I)


def _site_label(host: str) -> str:
    """The part of a host name that names the site: bcpcouncil in www.bcpcouncil.gov.uk."""
    host = host.casefold().rstrip(".")
    for suffix in _PUBLIC_SUFFIXES:
        if host.endswith(suffix):
            host = host[: -len(suffix)]
            break
    labels = [label for label in host.split(".") if label and label != "www"]
    return labels[-1].replace("-", "") if labels else ""


def _spells(label: str, words: tuple[str, ...], kind: str) -> bool:
    """Whether a site label spells the name: each place word written in full, as its county
    abbreviation or (in names of two or more places, "bcp") as its initial; organisation words
    in full, as initials or left out; then optionally a tail for the kind ("council", "ca")."""
    words = tuple(w.replace("-", "") for w in words if w not in SMALL_WORDS)
    places = sum(1 for w in words if w not in ORGANISATION_WORDS)
    group = _COMBINED if kind in COMBINED_KINDS else _COUNCIL
    tails = _ADDRESS_TAILS[group]

    @functools.cache
    def fits(i: int, j: int) -> bool:
        if i == len(words):
            return label[j:] in tails
        word = words[i]
        ways = {word}
        if word in COUNTY_ABBREVIATIONS:
            ways.add(COUNTY_ABBREVIATIONS[word])
        if word in ORGANISATION_WORDS or places >= 2:
            ways.add(word[0])
        if word in ORGANISATION_WORDS and fits(i + 1, j):
            return True
        return any(label.startswith(way, j) and fits(i + 1, j + len(way)) for way in ways)

    return places > 0 and len(label) >= 3 and fits(0, 0)


def _address_mentions(text: str, source_url: str | None, index: _Index) -> list[AuthorityMention]:
    found: list[tuple[str, int | None, int | None, str]] = []
    if source_url:
        host = urlsplit(source_url if "//" in source_url else f"//{source_url}").hostname
        if host:
            found.append((host, None, None, source_url))
    for match in _URL.finditer(text):
        raw = match.group()
        host = urlsplit(raw if "//" in raw else f"//{raw}").hostname or ""
        # Addresses quoted inside a text are evidence only where they are a council's own.
        if host.endswith(".gov.uk"):
            found.append((host, match.start(), match.end(), raw))
    for match in _EMAIL.finditer(text):
        if match.group(1).casefold().endswith(".gov.uk"):
            found.append((match.group(1), match.start(), match.end(), match.group()))
    mentions = []
    for host, start, end, shown in found:
        label = _site_label(host)
        if not label:
            continue
        codes = sorted(
            gss
            for gss, names in index.words.items()
            if any(_spells(label, words, index.kinds[gss]) for words in names)
        )
        current = [c for c in codes if c in index.current]
        codes = current or codes
        if len(codes) == 1:
            mentions.append(AuthorityMention(tuple(codes), start, end, shown, "web address"))
    return mentions


def find_mentions(
    text: str, variants: Sequence[NameVariant], *, source_url: str | None = None
) -> list[AuthorityMention]:
    """Every mention of an authority in the text (and its web address), in order."""
    index = _index(tuple(variants))
    tokens = _tokens(text)
    mentions = _name_mentions(text, tokens, index) + _initial_mentions(text, tokens, index)
    mentions += _address_mentions(text, source_url, index)
    return sorted(mentions, key=lambda m: (m.start is not None, m.start or 0))


def _scores(mentions: list[AuthorityMention]) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for mention in mentions:
        if len(mention.gss_codes) == 1:
            scores[mention.gss_codes[0]] += WEIGHTS[mention.evidence]
    # A name several authorities share goes to the one the text names otherwise, if just one.
    for mention in mentions:
        if len(mention.gss_codes) > 1:
            supported = [c for c in mention.gss_codes if scores.get(c)]
            share = supported if len(supported) == 1 else mention.gss_codes
            for code in share:
                scores[code] += WEIGHTS[mention.evidence] / len(share)
    return scores


def _add_short_forms(text: str, scores: dict[str, float], index: _Index) -> None:
    for pattern, group in _SHORT_FORMS:
        count = len(pattern.findall(text))
        named = [c for c, s in scores.items() if s and index.kinds[c] in _KINDS_FOR[group]]
        if count and len(named) == 1:
            scores[named[0]] += min(1.0, SHORT_FORM_WEIGHT * count)


def match_authority(
    text: str, variants: Sequence[NameVariant], *, source_url: str | None = None
) -> AuthorityMatch | None:
    """The authority the text is about, or None when it names none.

    The authority with the most weight of evidence wins; confidence is that of its strongest
    evidence, reduced in proportion to the weight of the runner-up.
    """
    index = _index(tuple(variants))
    mentions = find_mentions(text, variants, source_url=source_url)
    scores = _scores(mentions)
    _add_short_forms(text, scores, index)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    own = [m for m in mentions if best in m.gss_codes]
    strongest = max(own, key=lambda m: (CONFIDENCE[m.evidence], -(m.start or 0)))
    confidence = CONFIDENCE[strongest.evidence] * best_score / (best_score + runner_up)
    if len(strongest.gss_codes) > 1:
        confidence *= 0.8
    return AuthorityMatch(
        gss_code=best,
        name=index.display[best],
        confidence=round(confidence, 2),
        passage=strongest.text,
        start=strongest.start,
        end=strongest.end,
        evidence=strongest.evidence,
    )


CHOSEN = "chosen by a person"  # the evidence of an authority the text never named


def chosen_authority(value: str, variants: Sequence[NameVariant]) -> AuthorityMatch | None:
    """The authority a person names when the text does not: by its GSS code ("E06000002") or
    one of its names, written as the reference data writes it; None if it names none, or more
    than one."""
    index = _index(tuple(variants))
    wanted = value.strip()
    codes = {v.gss_code for v in variants if v.gss_code.casefold() == wanted.casefold()}
    if not codes:
        # Read as a text naming it would be read, and only if the name is all that is written.
        mentions = find_mentions(wanted, variants)
        whole = [m for m in mentions if (m.start, m.end) == (0, len(wanted))]
        codes = set(whole[0].gss_codes) if len(whole) == 1 else set()
    if len(codes) != 1:
        return None
    (code,) = codes
    return AuthorityMatch(code, index.display[code], 1.0, wanted, None, None, CHOSEN)
