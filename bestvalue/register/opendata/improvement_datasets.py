"""The open datasets of improvement: published plan actions, measures (with their readings),
evidence and the boards' assurance, each as its owner last published it (improvement.open_data);
an item never published, or changes not yet published, are in none of them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from bestvalue.improvement import open_data
from bestvalue.register.opendata.columns import Column, Dataset, text_column


def _c(item: Any) -> dict[str, Any]:
    return item.published_content or {}


def _content(name: str, kind: str, description: str, key: str) -> Column:
    """A column holding one value of the item's published content as it is."""
    return Column(name, kind, description, lambda o: _c(o)[key])


def _refs(item: Any) -> list[str]:
    return [f"{e['notice_reference']}/{e['position']}" for e in _c(item)["expectations"]]


def _authority_columns() -> tuple[Column, ...]:
    return (
        Column(
            "authority_gss",
            "string",
            "The authority's ONS GSS code.",
            lambda o: open_data.authority_of(o).gss_code,
        ),
        Column(
            "authority_name",
            "string",
            "The authority's official name.",
            lambda o: open_data.authority_of(o).official_name,
        ),
    )


def _published_on(what: str) -> Column:
    return Column(
        "published_on",
        "date",
        f"The day the {what} was last published.",
        lambda o: o.published_at.date(),
    )


def _expectations(what: str) -> Column:
    return Column(
        "expectations",
        "list",
        f"The notices' expectations the {what} answers, as REFERENCE/POSITION.",
        _refs,
    )


def _latest(measure: Any) -> dict[str, Any] | None:
    readings = _c(measure)["readings"]
    return max(readings, key=lambda r: r["taken_on"]) if readings else None


def _latest_value(measure: Any) -> Decimal | None:
    latest = _latest(measure)
    return None if latest is None else Decimal(latest["value"])


IMPROVEMENT_ACTIONS = Dataset(
    name="improvement-actions",
    title="Improvement plan actions",
    description="The actions of authorities' improvement plans, as each authority published them: "
    "owner, due date, status and the expectations and themes they answer.",
    identifier="authority_gss and number",
    rows=open_data.published_actions,
    columns=(
        *_authority_columns(),
        _content("number", "integer", "The action's number in the plan.", "number"),
        _content("title", "string", "What will be done.", "title"),
        text_column("description", "More about the action.", lambda a: _c(a)["description"]),
        _content("owner", "string", "The person or role responsible.", "owner"),
        _content("due_on", "date", "The day it is due.", "due_on"),
        _content("status", "string", "Its status when published.", "status_name"),
        _expectations("action"),
        Column(
            "themes",
            "list",
            "The themes of the statutory guidance it concerns, as keys.",
            lambda a: [t["key"] for t in _c(a)["themes"]],
        ),
        _published_on("action"),
    ),
)

IMPROVEMENT_MEASURES = Dataset(
    name="improvement-measures",
    title="Improvement measures",
    description="The measures authorities published to show improvement: baseline, target and "
    "every published reading.",
    identifier="authority_gss and name",
    rows=open_data.published_measures,
    columns=(
        *_authority_columns(),
        _content("name", "string", "The measure.", "name"),
        _content("definition", "string", "What is counted, and how.", "definition"),
        _content("unit", "string", "The unit of its values.", "unit"),
        _content("direction", "string", "Which way is better.", "direction_name"),
        Column(
            "baseline_value",
            "number",
            "The value at the baseline.",
            lambda m: Decimal(_c(m)["baseline_value"]),
        ),
        _content("baseline_on", "date", "The day of the baseline.", "baseline_on"),
        Column(
            "target_value",
            "number",
            "The value aimed for.",
            lambda m: Decimal(_c(m)["target_value"]),
        ),
        _content("target_on", "date", "The day it is aimed for by.", "target_on"),
        Column(
            "latest_value",
            "number",
            "The latest published reading's value.",
            _latest_value,
            nullable=True,
        ),
        Column(
            "latest_on",
            "date",
            "The day of the latest published reading.",
            lambda m: (_latest(m) or {}).get("taken_on"),
            nullable=True,
        ),
        Column(
            "readings",
            "list",
            "Every published reading, as DATE=VALUE, oldest first.",
            lambda m: [
                f"{r['taken_on']}={r['value']}"
                for r in sorted(_c(m)["readings"], key=lambda r: r["taken_on"])
            ],
        ),
        _expectations("measure"),
        _published_on("measure"),
    ),
)

IMPROVEMENT_EVIDENCE = Dataset(
    name="improvement-evidence",
    title="Improvement evidence",
    description="The evidence authorities published for their improvement: its effective date, "
    "and a link to the file (with its SHA-256 digest) or to the page it is on.",
    identifier="url",
    rows=open_data.published_evidence,
    columns=(
        *_authority_columns(),
        _content("title", "string", "What the evidence is.", "title"),
        _content("effective_on", "date", "The date the evidence speaks to.", "effective_on"),
        Column(
            "url",
            "url",
            "The file on this service, or the web page it is on.",
            lambda e: (
                reverse(
                    "register:improvement-evidence",
                    kwargs={"gss_code": e.authority.gss_code, "pk": e.pk},
                )
                if _c(e)["kind"] == "file"
                else None
            ),
            nullable=True,
        ),
        Column(
            "link",
            "string",
            "For a link to a page elsewhere, its web address.",
            lambda e: _c(e)["url"] or None,
            nullable=True,
        ),
        Column(
            "sha256",
            "string",
            "For a file, the SHA-256 digest of its content.",
            lambda e: _c(e)["sha256"] or None,
            nullable=True,
        ),
        _expectations("evidence"),
        _published_on("evidence"),
    ),
)

IMPROVEMENT_ASSURANCE = Dataset(
    name="improvement-assurance",
    title="Improvement boards' assurance",
    description="The assurance improvement boards and panels published on each expectation: "
    "the rating and the board's reasons.",
    identifier="authority_gss, board, meeting_on and expectation",
    rows=open_data.published_assurance,
    columns=(
        *_authority_columns(),
        _content("board", "string", "The board or panel.", "board"),
        _content("meeting_on", "date", "The day of the meeting.", "meeting_on"),
        Column(
            "expectation",
            "string",
            "The expectation assured, as REFERENCE/POSITION.",
            lambda s: (
                f"{_c(s)['expectation']['notice_reference']}/{_c(s)['expectation']['position']}"
            ),
        ),
        _content("rating", "string", "The assurance given.", "rating_name"),
        _content("narrative", "string", "The board's reasons.", "narrative"),
        _published_on("statement"),
    ),
)

IMPROVEMENT_DATASETS = (
    IMPROVEMENT_ACTIONS,
    IMPROVEMENT_MEASURES,
    IMPROVEMENT_EVIDENCE,
    IMPROVEMENT_ASSURANCE,
)
