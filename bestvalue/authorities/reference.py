"""Read and check the authorities reference files (data/README.md) into plain records.

Pure: no database. Every problem is reported with its file, line and reason, and nothing is
returned unless every file is sound, so a loader built on this is all-or-nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from bestvalue.authorities.kinds import COMBINED_KINDS, REGIONS, UPPER_TIER_KINDS, AuthorityKind

DATA_DIR = Path(__file__).resolve().parent / "data"
MYSOCIETY = Path("mysociety_uk_la_past_current") / "uk_local_authorities_current.csv"
NAMES = Path("mysociety_uk_la_past_current") / "lookup_name_to_registry.csv"
GSS_LOOKUP = Path("mysociety_uk_la_past_current") / "lookup_gss_to_registry.csv"
DERIVED_CAS = Path("derived_combined_authorities_2025.csv")
DERIVED_MEMBERS = Path("derived_combined_authority_membership_2025.csv")
# Ours: reorganisations decided for authorities still in existence (data/README.md, section 5).
REORGANISATIONS = Path("reorganisations.csv")
_DUE = re.compile(r"^(?:19|20)\d\d(?:-[01]\d)?$")

GSS = re.compile(r"^[ENSWK][0-9]{8}$")

# Corrections to the source, each for a reason stated in data/README.md ("Caveats").
# Caveat 5: these county councils are in the East Midlands, as their own districts are.
REGION_CORRECTIONS = {"DBY": "East Midlands", "LIN": "East Midlands"}
# Caveat 4: ONS renumbered Barnsley and Sheffield in 2024; mySociety still has the old codes.
RENUMBERED = {"E08000016": "E08000038", "E08000019": "E08000039"}
# Caveat 1: the North East and North of Tyne combined authorities were replaced in May 2024 by
# one North East combined authority (E47000014). The exact date is not in the data, so no end
# date is recorded.
SUPERSEDED_CAS = {"E47000010": "E47000014", "E47000011": "E47000014"}


class ReferenceDataError(Exception):
    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}, line {line}: {reason}")


@dataclass(frozen=True)
class AuthorityRecord:
    gss_code: str
    code: str | None
    official_name: str
    short_name: str
    kind: str
    region: str
    start_on: dt.date | None
    end_on: dt.date | None
    is_current: bool
    successor_gss_codes: tuple[str, ...] = ()
    former_gss_codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    note: str = ""
    # A reorganisation decided but not yet in effect: when (a year or month), what was decided,
    # and the sources; successors join successor_gss_codes once they are in the reference data.
    reorganisation_due: str = ""
    reorganisation_note: str = ""
    reorganisation_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MembershipRecord:
    combined_gss_code: str
    member_gss_code: str
    is_constituent: bool
    basis: str


@dataclass
class ReferenceData:
    authorities: dict[str, AuthorityRecord] = field(default_factory=dict)
    memberships: list[MembershipRecord] = field(default_factory=list)


def normalise_name(name: str) -> str:
    """The form names are matched in: case-folded, '&' as 'and', no punctuation, single spaces."""
    text = name.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def _rows(
    directory: Path, relative: Path, required: set[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    path = directory / relative
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(path, 0, f"cannot be read ({exc.strerror})") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise ReferenceDataError(path, 1, "the file is empty; expected a header row") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ReferenceDataError(path, 1, f"is not valid CSV ({exc})") from None
        missing = required - set(header)
        if missing:
            raise ReferenceDataError(path, 1, f"missing column(s): {', '.join(sorted(missing))}")
        line = reader.line_num
        try:
            for values in reader:
                if len(values) != len(header):
                    raise ReferenceDataError(
                        path,
                        line + 1,
                        f"has {len(values)} fields but the header has {len(header)}",
                    )
                yield reader.line_num, dict(zip(header, values, strict=True))
                line = reader.line_num
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ReferenceDataError(path, line + 1, f"is not valid CSV ({exc})") from None


def _date(path: Path, line: int, column: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(
            path, line, f"{column} {value!r} is not a date in the form YYYY-MM-DD"
        ) from None


def _gss(path: Path, line: int, column: str, value: str) -> str:
    if not GSS.match(value):
        raise ReferenceDataError(path, line, f"{column} {value!r} is not a GSS code like E06000031")
    return value


_MYSOCIETY_COLUMNS = {
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "current-authority",
}


def _mysociety_record(path: Path, line: int, row: dict[str, str]) -> AuthorityRecord:
    code = row["local-authority-code"].strip()
    if not code:
        raise ReferenceDataError(path, line, "local-authority-code is empty")
    gss = _gss(path, line, "gss-code", row["gss-code"])
    kind = row["local-authority-type"]
    if kind not in AuthorityKind.values:
        raise ReferenceDataError(path, line, f"local-authority-type {kind!r} is not one we know")
    if row["current-authority"] not in ("True", "False"):
        raise ReferenceDataError(
            path, line, f"current-authority must be True or False, not {row['current-authority']!r}"
        )
    if not row["official-name"].strip():
        raise ReferenceDataError(path, line, "official-name is empty")
    region = REGION_CORRECTIONS.get(code, row["region"])
    if region and region not in REGIONS:
        raise ReferenceDataError(path, line, f"region {region!r} is not an English region")
    # Caveat 3: mySociety types combined county authorities as combined authorities; only the
    # name tells them apart.
    if (
        kind == AuthorityKind.COMBINED_AUTHORITY
        and "combined county authority" in row["official-name"].casefold()
    ):
        kind = AuthorityKind.COMBINED_COUNTY_AUTHORITY
    notes = []
    if code in REGION_CORRECTIONS and row["region"] != region:
        notes.append(f"Region corrected from {row['region']!r} (source error).")
    former = tuple(c for c in row.get("former-gss-codes", "").split(",") if c)
    if gss in RENUMBERED:
        notes.append(f"GSS code {gss} replaced by {RENUMBERED[gss]} (ONS, 2024).")
        former, gss = (*former, gss), RENUMBERED[gss]
    return AuthorityRecord(
        gss_code=gss,
        code=code,
        official_name=row["official-name"].strip(),
        short_name=row["nice-name"].strip() or row["official-name"].strip(),
        kind=kind,
        region=region,
        start_on=_date(path, line, "start-date", row["start-date"]),
        end_on=_date(path, line, "end-date", row["end-date"]),
        is_current=row["current-authority"] == "True",
        successor_gss_codes=tuple(
            c for c in row["replaced-by"].split(",") if c
        ),  # codes, mapped below
        former_gss_codes=former,
        note=" ".join(notes),
    )


def _read_mysociety(directory: Path) -> tuple[dict[str, AuthorityRecord], dict[str, str]]:
    """England's rows, keyed by GSS code, and a map of mySociety code to GSS code."""
    path = directory / MYSOCIETY
    records: dict[str, AuthorityRecord] = {}
    by_code: dict[str, str] = {}
    for line, row in _rows(directory, MYSOCIETY, _MYSOCIETY_COLUMNS):
        if row["nation"] != "England":
            continue
        record = _mysociety_record(path, line, row)
        if record.gss_code in records:
            raise ReferenceDataError(path, line, f"gss-code {record.gss_code} appears twice")
        if record.code in by_code:
            raise ReferenceDataError(
                path, line, f"local-authority-code {record.code} appears twice"
            )
        records[record.gss_code] = record
        by_code[record.code] = record.gss_code  # type: ignore[index]
    if not records:
        raise ReferenceDataError(path, 1, "has no authorities in England")
    return records, by_code


def _resolve_successors(
    directory: Path, records: dict[str, AuthorityRecord], by_code: dict[str, str]
) -> None:
    for gss, record in list(records.items()):
        successors = []
        for code in record.successor_gss_codes:
            if code not in by_code:
                raise ReferenceDataError(
                    directory / MYSOCIETY,
                    0,
                    f"{record.code} is replaced by {code!r}, which is not an English authority",
                )
            successors.append(by_code[code])
        records[gss] = replace(record, successor_gss_codes=tuple(successors))


_CA_COLUMNS = {"CAUTH25CD", "CAUTH25NM", "in_ons_may_2025", "notes"}


def _read_combined_authorities(directory: Path, records: dict[str, AuthorityRecord]) -> None:
    """Add the combined authorities mySociety lacks and retire the ones ONS no longer lists."""
    path = directory / DERIVED_CAS
    for line, row in _rows(directory, DERIVED_CAS, _CA_COLUMNS):
        gss = _gss(path, line, "CAUTH25CD", row["CAUTH25CD"])
        if gss in SUPERSEDED_CAS and gss in records:
            successor = SUPERSEDED_CAS[gss]
            records[gss] = replace(
                records[gss],
                is_current=False,
                successor_gss_codes=(successor,),
                note=f"Superseded by {successor} in May 2024 (ONS May 2025 lookup); "
                "mySociety still lists it as current.",
            )
            continue
        if gss in records:
            continue
        if row["in_ons_may_2025"] != "yes" or not row["CAUTH25NM"].strip():
            raise ReferenceDataError(
                path, line, f"{gss} is neither in mySociety nor in ONS May 2025"
            )
        # Caveat 2: mySociety lacks these; their body names follow the ONS area name and the
        # kind stated in the reconciliation notes. Start dates are not in the data.
        county = "combined county authority" in row["notes"].casefold()
        kind = (
            AuthorityKind.COMBINED_COUNTY_AUTHORITY if county else AuthorityKind.COMBINED_AUTHORITY
        )
        area = row["CAUTH25NM"].strip()
        records[gss] = AuthorityRecord(
            gss_code=gss,
            code=None,
            official_name=f"{area} {kind.label.title()}",
            short_name=area,
            kind=kind,
            region="",
            start_on=None,
            end_on=None,
            is_current=True,
            note="Not in mySociety's data: added from the ONS May 2025 lookup.",
        )
    for gss, successor in SUPERSEDED_CAS.items():
        if gss in records and successor not in records:
            raise ReferenceDataError(path, 0, f"{successor}, which replaces {gss}, is missing")


def _read_names(
    directory: Path, records: dict[str, AuthorityRecord], by_code: dict[str, str]
) -> None:
    """Every name variant, from the name lookup plus each official and short name.

    The `alt-names` column is not used: it is comma-separated, and names such as
    "Bristol, City of" contain commas, so splitting it would invent names like "City of".
    """
    names: dict[str, list[str]] = {
        gss: [r.official_name, r.short_name] for gss, r in records.items()
    }
    path = directory / NAMES
    for line, row in _rows(directory, NAMES, {"la-name", "local-authority-code"}):
        name, code = row["la-name"].strip(), row["local-authority-code"]
        if not name:
            raise ReferenceDataError(path, line, "la-name is empty")
        # Caveat 8: a few variants are mojibake; they would never match real text.
        if code in by_code and "\ufffd" not in name and "ï¿½" not in name:
            names[by_code[code]].append(name)
    for gss, variants in names.items():
        unique: dict[str, str] = {}
        for variant in variants:
            unique.setdefault(normalise_name(variant), variant)
        records[gss] = replace(records[gss], names=tuple(sorted(unique.values())))


def _read_former_codes(
    directory: Path, records: dict[str, AuthorityRecord], by_code: dict[str, str]
) -> None:
    path = directory / GSS_LOOKUP
    for line, row in _rows(directory, GSS_LOOKUP, {"gss-code", "local-authority-code"}):
        code = row["local-authority-code"]
        if code not in by_code:
            continue
        old = _gss(path, line, "gss-code", row["gss-code"])
        record = records[by_code[code]]
        if old != record.gss_code and old not in record.former_gss_codes:
            records[record.gss_code] = replace(
                record, former_gss_codes=(*record.former_gss_codes, old)
            )


_MEMBER_COLUMNS = {"CAUTH25CD", "member_gss_code", "mysociety_gss_code", "relation", "basis"}


def _read_memberships(
    directory: Path, records: dict[str, AuthorityRecord]
) -> list[MembershipRecord]:
    path = directory / DERIVED_MEMBERS
    by_any_code = {code: gss for gss, r in records.items() for code in (gss, *r.former_gss_codes)}
    memberships: dict[tuple[str, str], MembershipRecord] = {}
    for line, row in _rows(directory, DERIVED_MEMBERS, _MEMBER_COLUMNS):
        ca = by_any_code.get(_gss(path, line, "CAUTH25CD", row["CAUTH25CD"]))
        member = by_any_code.get(_gss(path, line, "member_gss_code", row["member_gss_code"]))
        if ca is None or records[ca].kind not in COMBINED_KINDS:
            raise ReferenceDataError(path, line, f"{row['CAUTH25CD']} is not a combined authority")
        if member is None:
            raise ReferenceDataError(
                path, line, f"{row['member_gss_code']} is not an English authority"
            )
        if (ca, member) in memberships:
            raise ReferenceDataError(path, line, f"{member} is listed twice in {ca}")
        # In a combined county authority only upper-tier councils are constituent members.
        constituent = (
            records[ca].kind == AuthorityKind.COMBINED_AUTHORITY
            or records[member].kind in UPPER_TIER_KINDS
        )
        memberships[(ca, member)] = MembershipRecord(ca, member, constituent, row["basis"].strip())
    return list(memberships.values())


def _combined_regions(
    records: dict[str, AuthorityRecord], memberships: list[MembershipRecord]
) -> None:
    """A combined authority's region is its members' region, or blank when they span several
    (caveat 5: mySociety puts Greater Lincolnshire in one region though it spans two)."""
    regions: dict[str, set[str]] = {}
    for membership in memberships:
        region = records[membership.member_gss_code].region
        if region:
            regions.setdefault(membership.combined_gss_code, set()).add(region)
    for gss, found in regions.items():
        region = next(iter(found)) if len(found) == 1 else ""
        if region != records[gss].region:
            records[gss] = replace(records[gss], region=region)


def read_reference_data(directory: Path = DATA_DIR) -> ReferenceData:
    """Read every reference file in `directory`; raise ReferenceDataError at the first problem."""
    records, by_code = _read_mysociety(directory)
    _resolve_successors(directory, records, by_code)
    _read_combined_authorities(directory, records)
    _read_names(directory, records, by_code)
    _read_former_codes(directory, records, by_code)
    memberships = _read_memberships(directory, records)
    _combined_regions(records, memberships)
    _read_reorganisations(directory, records)
    return ReferenceData(authorities=records, memberships=memberships)


def _read_reorganisations(directory: Path, records: dict[str, AuthorityRecord]) -> None:
    """Reorganisations decided for authorities that still exist (optional file)."""
    path = directory / REORGANISATIONS
    if not path.exists():
        return
    required = {"gss-code", "due-on", "successor-gss-codes", "note", "sources"}
    for line, row in _rows(directory, REORGANISATIONS, required):
        gss = _gss(path, line, "gss-code", row["gss-code"])
        if gss not in records:
            raise ReferenceDataError(path, line, f"gss-code {gss} is not a known authority")
        due = row["due-on"].strip()
        if not _DUE.match(due):
            raise ReferenceDataError(path, line, f"due-on {due!r} is not a year or YYYY-MM")
        successors = tuple(
            _gss(path, line, "successor-gss-codes", c) for c in row["successor-gss-codes"].split()
        )
        unknown = [c for c in successors if c not in records]
        if unknown:
            raise ReferenceDataError(path, line, f"successor {unknown[0]} is not a known authority")
        record = records[gss]
        records[gss] = replace(
            record,
            successor_gss_codes=tuple(dict.fromkeys(record.successor_gss_codes + successors)),
            reorganisation_due=due,
            reorganisation_note=row["note"].strip(),
            reorganisation_sources=tuple(row["sources"].split()),
        )
