"""Records as the API's schemas, from objects the selectors have already fetched (no queries
here beyond what the selectors prefetched)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.urls import reverse

from bestvalue.improvement.public import PublicRecord
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.public.naming import (
    in_force_dates,
    intervention_title,
    intervention_url,
    since,
    span_text,
)


def _blank(value: str) -> str | None:
    return value or None


def _published_reference(notice: Any) -> str | None:
    return notice.reference if notice is not None and notice.is_published else None


def _reverse_one(obj: Any, name: str) -> Any:
    """A reverse one-to-one relation, or None when there is none."""
    try:
        return getattr(obj, name)
    except AttributeError:  # RelatedObjectDoesNotExist is an AttributeError
        return None


def authority(a: Any) -> dict[str, Any]:
    return {
        "gss_code": a.gss_code,
        "name": a.official_name,
        "short_name": a.short_name,
        "type": a.kind,
        "type_name": a.get_kind_display(),
        "region": _blank(a.region),
        "is_current": a.is_current,
        "start_on": a.start_on,
        "end_on": a.end_on,
        "former_gss_codes": [c.gss_code for c in a.former_codes.all()],
        "names": [n.name for n in a.names.all()],
        "replaced_by": [s.gss_code for s in a.successors.all()],
        "reorganisation": reorganisation(a),
        "url": reverse("register:authority", kwargs={"gss_code": a.gss_code}),
    }


def reorganisation(a: Any) -> dict[str, Any] | None:
    if not a.reorganisation_due:
        return None
    return {
        "due": a.reorganisation_due,
        "note": a.reorganisation_note,
        "sources": list(a.reorganisation_sources),
    }


def notice(n: Any) -> dict[str, Any]:
    return {
        "reference": n.reference,
        "register_id": n.register_id,
        "authority_gss": n.authority.gss_code,
        "authority_name": n.authority.official_name,
        "kind": "revised_notice" if n.replaces_id else "notice",
        "status": n.standing,
        "status_name": n.standing_label,
        "department": n.department,
        "issued_on": n.issued_on,
        "period_months": n.period_months,
        "expires_on": n.expires_on,
        "ended_on": n.ended_on,
        "replaces": _published_reference(n.replaces),
        "replaced_by": _published_reference(_reverse_one(n, "replaced_by")),
        "url": reverse("register:notice", kwargs={"reference": n.reference}),
    }


def _item(item: Any) -> dict[str, Any]:
    return {
        "position": item.position,
        "text": item.text,
        "themes": [t.key for t in item.themes.all()],
    }


def expectation(e: Any, n: Any | None = None) -> dict[str, Any]:
    n = n or e.notice
    carried = e.carried_from
    return {
        **_item(e),
        "notice_reference": n.reference,
        "authority_gss": n.authority.gss_code,
        "is_verbatim": e.is_verbatim,
        "carried_from": f"{carried.notice.reference}/{carried.position}" if carried else None,
    }


def _person(name: str, role: str) -> str | None:
    return ", ".join(p for p in (name, role) if p) or None


def issued_letter(letter: Any, reference: str) -> dict[str, Any]:
    later = _reverse_one(letter, "superseded_by")
    where = {"reference": reference, "kind": letter.kind, "fmt": letter.format}
    return {
        "kind": letter.kind,
        "format": letter.format,
        "media_type": letter.media_type,
        "size": letter.size,
        "sha256": letter.sha256,
        "issued_at": letter.created_at,
        "version": letter.version,
        "superseded_at": later.created_at if later else None,
        "url": reverse("letters:issued-version", kwargs={**where, "version": letter.version})
        if later
        else reverse("letters:issued", kwargs=where),
    }


def notice_detail(
    n: Any, letters: list[Any] | None = None, corrections: list[Any] | None = None
) -> dict[str, Any]:
    outcome = _reverse_one(n, "outcome")
    return {
        **notice(n),
        "addressee_name": _blank(n.addressee_name),
        "addressee_role": _blank(n.addressee_role),
        "signatory_name": _blank(n.signatory_name),
        "signatory_role": _blank(n.signatory_role),
        "grounds": [_item(g) for g in n.grounds.all()],
        "acknowledgements": [a.text for a in n.acknowledgements.all()],
        "expectations": [expectation(e, n) for e in n.expectations.all()],
        "outcome": None
        if outcome is None
        else {
            "outcome": n.status,
            "decided_on": outcome.decided_on,
            "decided_on_approx": _blank(outcome.decided_on_approx),
            "letter_from": _person(outcome.letter_from_name, outcome.letter_from_role),
            "letter_to": _person(outcome.letter_to_name, outcome.letter_to_role),
            "note": _blank(outcome.note),
        },
        "sources": [s.url for s in n.sources.all()],
        "letters": [issued_letter(x, n.reference) for x in letters or ()],
        "corrections": [
            {"corrected_on": c.corrected_on, "note": c.note, "reason": c.reason}
            for c in corrections or ()
        ],
    }


def intervention(i: Any) -> dict[str, Any]:
    first = intervention_selectors.first_step(i)
    began = since(i)
    models = [d.model for d in i.directions.all() if d.kind == "directions" and d.model]
    return {
        "reference": i.reference,
        "authority_gss": i.authority.gss_code,
        "authority_name": i.authority.official_name,
        "description": intervention_title(i),
        "status": i.standing,
        "trigger": i.trigger,
        "first_step_on": first.earliest if first and first.is_exact else None,
        "first_step": span_text(first),
        "since_on": began.earliest if began and began.is_exact else None,
        "since": span_text(began),
        "models": list(dict.fromkeys(models)),
        "current_model": _blank(intervention_selectors.current_model(i)),
        "directions_in_force": [
            {
                "from_on": p["from"],
                "from_text": p["from_text"],
                "to_on": p["to"],
                "to_text": p["to_text"],
            }
            for p in in_force_dates(i)
        ],
        "authority_reorganisation": reorganisation(i.authority),
        "url": intervention_url(i.reference),
    }


def _findings(record: Any) -> list[dict[str, Any]]:
    return [
        {"theme": f.theme.key, "meets_duty": f.meets_duty, "summary": _blank(f.summary)}
        for f in record.findings.all()
    ]


def _step(kind_of_step: str, record: Any, on: Any, approx: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": kind_of_step,
        "kind": getattr(record, "kind", kind_of_step),
        "position": record.position,
        "on": on,
        "on_approx": _blank(approx),
        "ends_on": extra.get("ends_on"),
        "legal_basis": extra.get("legal_basis") or [],
        "model": _blank(extra.get("model") or ""),
        "people": extra.get("people", []),
        "findings": extra.get("findings", []),
        "note": _blank(record.note),
        "sources": list(record.sources),
    }


def _people(people: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": _blank(p.name),
            "role": p.role or "not_known",
            "powers": _blank(getattr(p, "powers", "")),
        }
        for p in people
    ]


# Each kind of step: its type, the intervention's relation holding it, the field of its date (the
# rough date is that name with "_approx"), and what else it says.
_STEPS: tuple[tuple[str, str, str, Callable[[Any], dict[str, Any]]], ...] = (
    (
        "review_or_panel",
        "non_statutory_stages",
        "started_on",
        lambda s: {"ends_on": s.ends_on, "model": s.model, "people": _people(s.appointees.all())},
    ),
    (
        "inspection",
        "inspections",
        "announced_on",
        lambda s: {
            "ends_on": s.deadline,
            "legal_basis": ["s.10"],
            "people": _people(s.inspectors.all()),
            "findings": _findings(s),
        },
    ),
    (
        "minded_to",
        "minded_to_letters",
        "letter_on",
        lambda s: {
            "ends_on": s.representations_by,
            "legal_basis": s.proposed_legal_basis,
            "model": s.proposed_model,
            "findings": _findings(s),
        },
    ),
    (
        "directions",
        "directions",
        "made_on",
        lambda s: {
            "ends_on": s.ends_on,
            "legal_basis": s.legal_basis,
            "model": s.model,
            "people": _people(s.appointees.all()),
            "findings": _findings(s),
        },
    ),
)


def intervention_detail(i: Any) -> dict[str, Any]:
    steps = [
        _step(kind, s, getattr(s, on), getattr(s, f"{on}_approx"), **extra(s))
        for kind, relation, on, extra in _STEPS
        for s in getattr(i, relation).all()
    ]
    steps.sort(key=lambda s: s["position"])
    return {**intervention(i), "status_note": _blank(i.status_note), "steps": steps}


def draft(n: Any) -> dict[str, Any]:
    return {
        "id": n.pk,
        "version": n.version,
        "status": n.status,
        "authority_gss": n.authority.gss_code,
        "period_months": n.period_months,
        "addressee_name": n.addressee_name,
        "addressee_role": n.addressee_role,
        "signatory_name": n.signatory_name,
        "signatory_role": n.signatory_role,
        "grounds": [_item(g) for g in n.grounds.all()],
        "expectations": [_item(e) for e in n.expectations.all()],
    }


def engagement(e: Any, reference: str) -> dict[str, Any]:
    return {
        "id": e.pk,
        "notice_reference": reference,
        "kind": e.kind,
        "occurred_on": e.occurred_on,
        "summary": e.summary,
        "attendees": e.attendees,
    }


# --- What an authority and its board published about its improvement ----------------------


def _number(value: Decimal) -> str:
    """55.5000 as "55.5", 50 as "50": plain decimal text, never an exponent."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _refs(expectations: Any) -> list[dict[str, Any]]:
    return [{"notice_reference": e.notice_reference, "position": e.position} for e in expectations]


def _reading(r: Any) -> dict[str, Any]:
    return {"taken_on": r.taken_on, "value": _number(r.value), "source": r.source}


def _action(a: Any) -> dict[str, Any]:
    update = a.latest_progress
    return {
        "number": a.number,
        "title": a.title,
        "description": _blank(a.description),
        "owner": a.owner,
        "due_on": a.due_on,
        "status": a.status,
        "status_name": a.status_name,
        "themes": [t.key for t in a.themes],
        "expectations": _refs(a.expectations),
        "latest_progress": None
        if update is None
        else {
            "written_on": update.written_on,
            "status": update.status,
            "status_name": update.status_name,
            "text": update.text,
        },
    }


def _measure(s: Any) -> dict[str, Any]:
    m = s.measure
    return {
        "name": m.name,
        "definition": m.definition,
        "unit": m.unit,
        "direction": m.direction,
        "baseline_value": _number(m.baseline_value),
        "baseline_on": m.baseline_on,
        "target_value": _number(m.target_value),
        "target_on": m.target_on,
        "latest": None if s.latest is None else _reading(s.latest),
        "readings": [_reading(r) for r in s.readings],
        "expectations": _refs(m.expectations),
        "corrections": _corrections(m.corrections),
    }


def _corrections(notes: Any) -> list[dict[str, Any]]:
    return [{"on": n.on, "text": n.text} for n in notes]


def _evidence(e: Any, gss_code: str) -> dict[str, Any]:
    url = (
        reverse(
            "register:improvement-evidence",
            kwargs={"gss_code": gss_code, "pk": e.pk},
        )
        if e.is_file
        else e.url
    )
    url = "" if e.withdrawn else url
    return {
        "title": e.title,
        "kind": e.kind,
        "effective_on": e.effective_on,
        "url": url,
        "media_type": _blank(e.content_type),
        "size": e.size_bytes,
        "sha256": _blank(e.sha256),
        "expectations": _refs(e.expectations),
        "withdrawn": e.withdrawn,
        "corrections": _corrections(e.corrections),
    }


def improvement(record: PublicRecord) -> dict[str, Any]:
    return {
        "authority": authority(record.authority),
        "actions": [_action(a) for a in record.actions],
        "measures": [_measure(s) for s in record.measures],
        "evidence": [_evidence(e, record.authority.gss_code) for e in record.evidence],
        "assurance": [
            {
                "meeting_on": st.meeting_on,
                "board": st.board,
                "expectation": _refs([st.expectation])[0],
                "rating": st.rating,
                "rating_name": st.rating_name,
                "statement": st.narrative,
            }
            for st in record.assurance
        ],
    }
