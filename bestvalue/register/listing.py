"""The register's one list of notices and interventions: both kinds of record as rows of the same
shape, sorted together. Each kind is read through its app's selector, which applies the
publication rule; this module only decides how the rows read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.urls import reverse

from bestvalue.core.dates import uk_date
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.public.naming import intervention_title, intervention_url, since, span_text
from bestvalue.register.register_forms import RegisterQuery


@dataclass(frozen=True)
class RegisterEntry:
    kind: str  # "notice" or "intervention"
    reference: str
    title: str
    authority_name: str
    authority_gss: str
    on: dt.date | None  # the issue date, or the earliest day directions (else the first step) began
    on_text: str
    status: str
    status_key: str
    url: str


def _notice_entry(n: Any) -> RegisterEntry:
    return RegisterEntry(
        kind="notice",
        reference=n.reference or "",
        title="Revised best value notice" if n.replaces_id else "Best value notice",
        authority_name=n.authority.official_name,
        authority_gss=n.authority.gss_code,
        on=n.issued_on,
        on_text=uk_date(n.issued_on),
        status=n.standing_label,
        status_key=n.standing,
        url=reverse("register:notice", kwargs={"reference": n.reference}),
    )


@dataclass(frozen=True)
class _NoticeKey:
    """Where a notice sorts in the register: enough to order and count it, not to show it."""

    pk: int
    on: dt.date | None
    reference: str
    authority_name: str
    kind: str = "notice"


def _notice_keys(filters: notice_selectors.NoticeFilters) -> list[_NoticeKey]:
    found = notice_selectors.search_published_notices(filters).values_list(
        "pk", "issued_on", "reference", "authority__official_name"
    )
    return [_NoticeKey(pk, on, reference or "", name) for pk, on, reference, name in found]


def _intervention_entries(
    filters: intervention_selectors.InterventionFilters,
) -> list[RegisterEntry]:
    entries = []
    for i in intervention_selectors.search_published_interventions(filters):
        # "Since" is when statutory directions began, not the first step (issue 19).
        first = since(i)
        entries.append(
            RegisterEntry(
                kind="intervention",
                reference=i.reference,
                title=intervention_title(i),
                authority_name=i.authority.official_name,
                authority_gss=i.authority.gss_code,
                on=first.earliest if first else None,
                on_text=span_text(first),
                status=i.standing_label,
                status_key=i.standing,
                url=intervention_url(i.reference),
            )
        )
    return entries


Row = _NoticeKey | RegisterEntry


class RegisterEntries(Sequence[RegisterEntry]):
    """The register's rows in order, built only for the slice asked for (a page), so that a page
    costs the same however long the register: notices are sorted and counted from a few columns,
    and only the page's notices are read in full (one query). Interventions, which are few and
    dated from their steps, are read in full up front."""

    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[RegisterEntry]:
        return iter(self[:])  # all at once: item by item would read each notice on its own

    def of_kind(self, kind: str) -> int:
        """How many rows are of this kind ("notice" or "intervention")."""
        return sum(1 for r in self._rows if r.kind == kind)

    def keys(self, kind: str) -> list[Any]:
        """The rows of one kind in order, by what finds them: notices' primary keys,
        interventions' references."""
        if kind == "notice":
            return [r.pk for r in self._rows if isinstance(r, _NoticeKey)]
        return [r.reference for r in self._rows if r.kind == kind]

    @overload
    def __getitem__(self, index: int) -> RegisterEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[RegisterEntry]: ...

    def __getitem__(self, index: int | slice) -> RegisterEntry | list[RegisterEntry]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        rows = self._rows[index]
        wanted = [r.pk for r in rows if isinstance(r, _NoticeKey)]
        notices = (
            {n.pk: _notice_entry(n) for n in notice_selectors.published_notices_by_pk(wanted)}
            if wanted
            else {}
        )
        return [notices[r.pk] if isinstance(r, _NoticeKey) else r for r in rows]


def register_entries(query: RegisterQuery) -> RegisterEntries:
    """Every published record the query asks for, in its order. Records with no known date come
    last whichever way the dates run."""
    rows: list[Row] = []
    if query.notices is not None:
        rows += _notice_keys(query.notices)
    if query.interventions is not None:
        rows += _intervention_entries(query.interventions)
    if query.sort == "authority":
        rows.sort(key=lambda e: (e.authority_name, e.on or dt.date.max, e.reference))
        return RegisterEntries(rows)
    dated = [e for e in rows if e.on is not None]
    undated = sorted((e for e in rows if e.on is None), key=lambda e: e.reference)
    newest = query.sort != "oldest"
    return RegisterEntries(
        sorted(dated, key=lambda e: (e.on, e.reference), reverse=newest) + undated
    )
