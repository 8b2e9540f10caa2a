"""Writes to inspections and interventions. Each runs in one transaction, checks its rules,
saves, and records its audit event in the same transaction."""

from bestvalue.interventions.services.approval import (
    approval_digest,
    approval_refusal,
    approve_and_issue,
    return_to_draft,
    submit_for_approval,
)
from bestvalue.interventions.services.inspections import (
    add_inspector,
    extend_inspection_deadline,
    record_finding,
    record_findings,
    record_inspection,
    update_inspection,
)
from bestvalue.interventions.services.interventions import (
    link_escalation,
    open_intervention,
    record_non_statutory_stage,
    update_intervention,
    update_non_statutory_stage,
)
from bestvalue.interventions.services.notes import add_note
from bestvalue.interventions.services.people import (
    remove_appointee,
    remove_inspector,
    update_inspector,
)
from bestvalue.interventions.services.publication import (
    approve_publication,
    return_publication,
    submit_publication,
)
from bestvalue.interventions.services.reports import (
    plan_reports,
    record_department_response,
    record_report,
    schedule_reports,
    set_report_schedule,
    update_report,
)
from bestvalue.interventions.services.statutory import (
    add_appointee,
    draft_directions,
    draft_minded_to,
    record_representation,
    update_appointee,
    update_directions,
    update_minded_to,
)

__all__ = [
    "add_appointee",
    "add_inspector",
    "add_note",
    "approval_digest",
    "approval_refusal",
    "approve_and_issue",
    "approve_publication",
    "draft_directions",
    "draft_minded_to",
    "extend_inspection_deadline",
    "link_escalation",
    "open_intervention",
    "plan_reports",
    "record_department_response",
    "record_finding",
    "record_findings",
    "record_inspection",
    "record_non_statutory_stage",
    "record_report",
    "record_representation",
    "remove_appointee",
    "remove_inspector",
    "return_publication",
    "return_to_draft",
    "schedule_reports",
    "set_report_schedule",
    "submit_for_approval",
    "submit_publication",
    "update_appointee",
    "update_directions",
    "update_inspection",
    "update_inspector",
    "update_intervention",
    "update_minded_to",
    "update_non_statutory_stage",
    "update_report",
]
