"""The progress report (improvement.report) as a document to download: the same sections,
tables and figures as the report's page, with each measure's chart (core.documents)."""

from __future__ import annotations

from bestvalue.core.dates import uk_date as uk
from bestvalue.core.documents import Document, Figure, Heading, Paragraph, Table
from bestvalue.improvement import chart
from bestvalue.improvement.report import ExpectationReport, ProgressReport
from bestvalue.improvement.selectors import MeasureSummary


def _figure(summary: MeasureSummary) -> Figure:
    data = summary.chart_data()
    return Figure(
        svg=chart.line_chart(data),
        png=chart.line_chart_png(data),
        description=chart.description(data),
    )


def _actions(entry: ExpectationReport) -> Table:
    rows = []
    for line in entry.actions:
        a = line.action
        latest = line.updates[0] if line.updates else None
        rows.append(
            (
                f"{a.number}. {a.title}",
                a.owner,
                uk(a.due_on),
                line.status.label + (" Overdue" if line.overdue else ""),  # as the page's two tags
                f"{uk(latest.written_on)}: {latest.text}" if latest else "No update in the period",
            )
        )
    head = ("Action", "Owner", "Due", "Status", "Latest update in the period")
    return Table(f"Actions for expectation {entry.expectation.position}", head, rows)


def _measures(entry: ExpectationReport) -> Table:
    rows = []
    for s in entry.measures:
        m, unit = s.measure, f" {s.measure.unit}" if s.measure.unit else ""
        latest = s.latest
        rows.append(
            (
                m.name,
                f"{s.number(m.baseline_value)}{unit} ({uk(m.baseline_on)})",
                f"{s.number(latest.value)}{unit} ({uk(latest.taken_on)})"
                if latest
                else "No readings",
                f"{s.number(m.target_value)}{unit} by {uk(m.target_on)}",
                s.status.label,
            )
        )
    head = ("Measure", "Baseline", "Latest", "Target", "Against target")
    return Table(f"Measures for expectation {entry.expectation.position}", head, rows)


def _expectation(entry: ExpectationReport) -> list[object]:
    e = entry.expectation
    blocks: list[object] = [Heading(f"Expectation {e.position}"), Paragraph(e.text)]
    blocks.append(Heading("Actions", 3))
    blocks.append(
        _actions(entry)
        if entry.actions
        else Paragraph("No action in the plan answers this expectation.")
    )
    blocks.append(Heading("Measures", 3))
    if entry.measures:
        blocks.append(_measures(entry))
        blocks.extend(_figure(s) for s in entry.measures)
    else:
        blocks.append(Paragraph("No measure evidences this expectation."))
    blocks.append(Heading("Evidence dated in the period", 3))
    blocks.extend(
        [Paragraph(f"{ev.title} ({uk(ev.effective_on)})") for ev in entry.evidence]
        or [Paragraph("None.")]
    )
    blocks.append(Heading("The board's latest assurance", 3))
    if entry.assurance:
        a = entry.assurance
        blocks += [
            Paragraph(a.get_rating_display()),
            Paragraph(a.narrative),
            Paragraph(f"{a.meeting.board.name}, meeting of {uk(a.meeting.held_on)}"),
        ]
    else:
        blocks.append(Paragraph("No assurance given yet."))
    return blocks


def progress_document(report: ProgressReport) -> Document:
    authority = report.authority
    doc = Document(
        title=f"Progress report: {authority.official_name}",
        subtitle=f"From {uk(report.start)} to {uk(report.end)}",
        footer=f"{authority.official_name}: progress report to {uk(report.end)}",
    )
    doc.blocks.append(
        Paragraph(
            f"From {uk(report.start)} to {uk(report.end)}: each action's status and each "
            f"measure's reading as they stood on {uk(report.end)}; evidence whose effective date "
            "falls in the period; the board's latest assurance given by then."
        )
    )
    if report.notice is None:
        doc.blocks.append(
            Paragraph(
                f"{authority.official_name} has no published best value notice, so there are "
                "no expectations to report against."
            )
        )
        return doc
    doc.blocks.append(
        Paragraph(
            f"Expectations of notice {report.notice.reference} "
            f"(issued {uk(report.notice.issued_on)})."
        )
    )
    for entry in report.expectations:
        doc.blocks.extend(_expectation(entry))  # type: ignore[arg-type]
    doc.blocks.append(Heading("The board's recommendations"))
    if report.recommendations:
        rows = [
            (
                f"{r.board.name} {r.number}",
                r.text,
                r.get_status_display(),
                r.response or "No response yet",
            )
            for r in report.recommendations
        ]
        head = ("Recommendation", "Text", "Status", "The authority's response")
        doc.blocks.append(Table("Recommendations", head, rows))
    else:
        doc.blocks.append(Paragraph(f"No recommendations made by {uk(report.end)}."))
    return doc
