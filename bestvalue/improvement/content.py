"""What goes public when an item is published: its public content, exactly as the public will see
it, kept with the item when it is published (`published_content`) and read by every public channel
(the improvement page, its API; nothing else public reads improvement records).

A change to a published item (a progress update, a new reading, a changed title or status) changes
its current content but not its published content, so the public keeps the last published
version until the authority (or, for assurance, the board) publishes it again; the publish step
shows the one beside the other (`comparison`).

The content is plain JSON (dates as ISO text, numbers as decimal text), built from the record and
its prefetched relations only: no queries of its own beyond what the caller prefetched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from bestvalue.records.rules import Change, content_changes, digest

__all__ = ["Change", "digest"]

KINDS = ("action", "measure", "evidence", "assurance")


def number_text(value: Decimal) -> str:
    """55.5000 as "55.5", 50 as "50": plain decimal text, never an exponent."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _refs(expectations: Iterable[Any]) -> list[dict[str, Any]]:
    refs = [{"notice_reference": e.notice.reference, "position": e.position} for e in expectations]
    return sorted(refs, key=lambda r: (r["notice_reference"], r["position"]))


def _action(a: Any) -> dict[str, Any]:
    updates = sorted(a.updates.all(), key=lambda u: (u.written_on, u.pk), reverse=True)
    latest = updates[0] if updates else None
    return {
        "number": a.number,
        "title": a.title,
        "description": a.description,
        "owner": a.owner,
        "due_on": a.due_on.isoformat(),
        "status": a.status,
        "status_name": a.get_status_display(),
        "themes": sorted(
            ({"key": t.key, "name": t.name} for t in a.themes.all()), key=lambda t: t["key"]
        ),
        "expectations": _refs(a.expectations.all()),
        "latest_progress": None
        if latest is None
        else {
            "written_on": latest.written_on.isoformat(),
            "status": latest.status,
            "status_name": latest.get_status_display(),
            "text": latest.text,
        },
    }


def _measure(m: Any) -> dict[str, Any]:
    readings = sorted(m.readings.all(), key=lambda r: r.taken_on)
    return {
        "name": m.name,
        "definition": m.definition,
        "unit": m.unit,
        "direction": m.direction,
        "direction_name": m.get_direction_display(),
        "baseline_value": number_text(m.baseline_value),
        "baseline_on": m.baseline_on.isoformat(),
        "target_value": number_text(m.target_value),
        "target_on": m.target_on.isoformat(),
        "readings": [
            {"taken_on": r.taken_on.isoformat(), "value": number_text(r.value), "source": r.source}
            for r in readings
        ],
        "expectations": _refs(m.expectations.all()),
        **_corrections(m),
    }


def _corrections(item: Any) -> dict[str, Any]:
    """Its correction notes (issue 18.2), only once there is one: content published before
    corrections existed keeps its digest, so it is not "changed since publication"."""
    return {"corrections": list(item.correction_notes)} if item.correction_notes else {}


def _evidence(e: Any) -> dict[str, Any]:
    withdrawn = {"withdrawn": True} if e.withdrawn_at else {}
    return {
        "title": e.title,
        "kind": e.kind,
        "effective_on": e.effective_on.isoformat(),
        "url": e.url,
        "content_type": e.content_type,
        "size_bytes": e.size_bytes,
        "sha256": e.sha256,
        "expectations": _refs(e.expectations.all()),
        **withdrawn,
        **_corrections(e),
    }


def _assurance(s: Any) -> dict[str, Any]:
    return {
        "meeting_on": s.meeting.held_on.isoformat(),
        "board": s.meeting.board.name,
        "expectation": _refs([s.expectation])[0],
        "rating": s.rating,
        "rating_name": s.get_rating_display(),
        "narrative": s.narrative,
    }


_BUILDERS = {"action": _action, "measure": _measure, "evidence": _evidence, "assurance": _assurance}


def public_content(kind: str, item: Any) -> dict[str, Any]:
    """The item's content as the public would see it if it were published now."""
    return _BUILDERS[kind](item)


def content_digest(kind: str, item: Any) -> str:
    """The SHA-256 of what publishing now would put on the public record (the publish page carries
    it, so that what is published is what the publisher read)."""
    return digest(public_content(kind, item))


def is_changed_since_publication(kind: str, item: Any) -> bool:
    """A published item whose current content is not what the public sees."""
    published = getattr(item, "published_content", None)
    return item.published_at is not None and published != public_content(kind, item)


# --- What the publisher reads -------------------------------------------------------------

LABELS = {
    "number": "Number",
    "title": "Title",
    "description": "Description",
    "owner": "Owner",
    "due_on": "Due date",
    "status_name": "Status",
    "themes": "Themes",
    "expectations": "Expectations",
    "latest_progress": "Latest progress",
    "name": "Name",
    "definition": "Definition",
    "unit": "Unit",
    "direction_name": "Which way is better",
    "baseline_value": "Baseline value",
    "baseline_on": "Baseline date",
    "target_value": "Target value",
    "target_on": "Target date",
    "readings": "Readings",
    "effective_on": "Effective date",
    "url": "Web address",
    "size_bytes": "File size (bytes)",
    "sha256": "SHA-256 digest",
    "meeting_on": "Meeting date",
    "board": "Board",
    "expectation": "Expectation",
    "rating_name": "Assurance",
    "narrative": "The board's view",
    "withdrawn": "Withdrawn",
    "corrections": "Corrections",
}


def _text(key: str, value: Any) -> str:
    """One value as a line of text for the publisher to read."""
    if value is None or value == "" or value == []:
        return "None"
    if key in ("expectations", "expectation"):
        refs = value if isinstance(value, list) else [value]
        return "; ".join(f"{r['notice_reference']}, expectation {r['position']}" for r in refs)
    if key == "themes":
        return ", ".join(t["name"] for t in value)
    if key == "latest_progress":
        return f"{value['written_on']} ({value['status_name']}): {value['text']}"
    if key == "corrections":
        return "; ".join(f"{n['on']}: {n['text']}" for n in value)
    if key == "withdrawn":
        return "Yes"
    if key == "readings":
        return "; ".join(f"{r['taken_on']}: {r['value']} ({r['source']})" for r in value)
    return str(value)


def labelled(content: Mapping[str, Any] | None) -> dict[str, str]:
    """Content as labels and lines of text, in the order the public page gives them."""
    if not content:
        return {}
    return {label: _text(key, content[key]) for key, label in LABELS.items() if key in content}


def comparison(kind: str, item: Any) -> list[Change]:
    """Every line of what will go public, beside what is public now (None where nothing is), in
    the order the public page gives them; a line is changed where the two differ."""
    published = labelled(item.published_content if item.published_at else None)
    current = labelled(public_content(kind, item))
    return [Change(label, published.get(label), text) for label, text in current.items()]


def changes_between(read: Mapping[str, Any] | None, now: Mapping[str, Any]) -> list[Change]:
    """What differs between two versions of an item's public content, labelled for people."""
    return content_changes(labelled(read), labelled(now))
