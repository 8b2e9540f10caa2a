"""Load the real public record of notices from register.yaml (data/README.md explains each field).

All or nothing, and idempotent: records are matched by their register id, and a second run with
the same file changes nothing and records no audit events. Facts the record does not know stay
blank, to be shown as "not known".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core.loading import LoadReport
from bestvalue.core.sources import mirror_refusal
from bestvalue.guidance.models import Theme
from bestvalue.notices import rules
from bestvalue.notices.models import (
    Acknowledgement,
    Department,
    Expectation,
    Ground,
    Notice,
    Outcome,
    Source,
)
from bestvalue.notices.rules import Status

REGISTER_FILE = Path(__file__).resolve().parent / "data" / "register.yaml"
OUTCOME_STATUS = {
    "active": Status.ISSUED,
    "reissued": Status.REISSUED,
    "lapsed": Status.LAPSED,
    "withdrawn": Status.WITHDRAWN,
    "escalated": Status.ESCALATED,
}


class RegisterDataError(Exception):
    """The register file is not what the loader expects; nothing was loaded."""


def read_register(path: Path = REGISTER_FILE) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        # PyYAML raises ValueError for impossible dates such as 2020-13-01.
        raise RegisterDataError(f"{path}: cannot be read as YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("notices"), list):
        raise RegisterDataError(f"{path}: expected a mapping with a 'notices' list")
    return data


def _person(value: Any) -> tuple[str, str]:
    if not value:
        return "", ""
    return value.get("name") or "", value.get("role") or ""


def _date(where: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise RegisterDataError(f"{where}: {value!r} is not a date in the form YYYY-MM-DD")


def _values(
    record: dict[str, Any], where: str, authorities: dict[str, Authority]
) -> dict[str, Any]:
    gss = record.get("authority_gss")
    if gss not in authorities:
        raise RegisterDataError(f"{where}: authority_gss {gss!r} is not a known authority")
    outcome = record.get("outcome") or {"status": "active"}
    if outcome.get("status") not in OUTCOME_STATUS:
        raise RegisterDataError(
            f"{where}: outcome status {outcome.get('status')!r} is not one of {', '.join(OUTCOME_STATUS)}"
        )
    if record.get("department") not in Department.values:
        raise RegisterDataError(
            f"{where}: department {record.get('department')!r} is not DLUHC or MHCLG"
        )
    issued_on = _date(f"{where} issued_on", record.get("issued_on"))
    period = record.get("period_months")
    if period is not None and (not isinstance(period, int) or isinstance(period, bool)):
        raise RegisterDataError(
            f"{where}: period_months {period!r} is not a whole number of months"
        )
    refusal = rules.period_refusal(period)
    if refusal:
        raise RegisterDataError(f"{where}: {refusal}")
    expires_on = rules.expiry_date(issued_on, period)
    stated = _date(f"{where} expires_on", record.get("expires_on"))
    if stated is not None and stated != expires_on:
        raise RegisterDataError(
            f"{where}: expires_on {stated} does not follow from issued_on and period_months ({expires_on})"
        )
    addressee, signatory = _person(record.get("addressee")), _person(record.get("signatory"))
    return {
        "authority": authorities[gss],
        "department": record["department"],
        "issued_on": issued_on,
        "period_months": period,
        "period_approx": bool(record.get("period_months_approx")),
        "expires_on": expires_on,
        "status": OUTCOME_STATUS[outcome["status"]],
        "ended_on": _date(f"{where} ended_on", record.get("ended_on")),
        "addressee_name": addressee[0],
        "addressee_role": addressee[1],
        "signatory_name": signatory[0],
        "signatory_role": signatory[1],
        "signatory_approx": bool(record.get("signatory_approx")),
        "note": record.get("note") or "",
    }


def _contents(record: dict[str, Any], where: str, themes: dict[str, Theme]) -> dict[str, Any]:
    def items(key: str) -> list[tuple[str, list[str]]]:
        out = []
        for n, item in enumerate(record.get(key) or [], start=1):
            text, keys = (
                (item, [])
                if isinstance(item, str)
                else (item.get("text"), item.get("themes") or [])
            )
            if not text:
                raise RegisterDataError(f"{where} {key}[{n}]: the text is empty")
            unknown = set(keys) - set(themes)
            if unknown:
                raise RegisterDataError(
                    f"{where} {key}[{n}]: unknown theme(s) {', '.join(sorted(unknown))}"
                )
            out.append((text.strip(), sorted(keys)))
        return out

    sources = [(u, False) for u in record.get("sources") or []] + [
        (u, True) for u in (record.get("outcome") or {}).get("sources") or []
    ]
    for url, about_outcome in sources:
        refusal = mirror_refusal(url) if isinstance(url, str) else None
        if refusal:
            raise RegisterDataError(
                f"{where} {'outcome sources' if about_outcome else 'sources'}: {refusal}"
            )
    return {
        "grounds": items("grounds"),
        "acknowledgements": [t for t, _ in items("acknowledgements")],
        "expectations": [(t, k, True) for t, k in items("expectations")]
        + [(t, k, False) for t, k in items("expectations_paraphrased")],
        "sources": sources,
        "outcome": record.get("outcome") or {},
    }


def _current_contents(notice: Notice) -> dict[str, Any]:
    return {
        "grounds": [(g.text, sorted(t.key for t in g.themes.all())) for g in notice.grounds.all()],
        "acknowledgements": [a.text for a in notice.acknowledgements.all()],
        "expectations": [
            (e.text, sorted(t.key for t in e.themes.all()), e.is_verbatim)
            for e in notice.expectations.all()
        ],
        "sources": [(s.url, s.about_outcome) for s in notice.sources.all()],
        "outcome": _outcome_dict(notice),
    }


def _outcome_dict(notice: Notice) -> dict[str, Any]:
    outcome = getattr(notice, "outcome", None)
    if outcome is None:
        return {}
    return {
        "on": outcome.decided_on,
        "on_approx": outcome.decided_on_approx,
        "note": outcome.note,
        "from": (outcome.letter_from_name, outcome.letter_from_role),
        "to": (outcome.letter_to_name, outcome.letter_to_role),
    }


def _outcome_from_record(outcome: dict[str, Any], where: str) -> dict[str, Any]:
    if not outcome or outcome.get("status") == "active":
        return {}
    return {
        "on": _date(f"{where} outcome.on", outcome.get("on")),
        "on_approx": outcome.get("on_approx") or "",
        "note": outcome.get("note") or "",
        "from": _person(outcome.get("letter_from")),
        "to": _person(outcome.get("letter_to")),
    }


def _write_contents(
    notice: Notice, contents: dict[str, Any], outcome: dict[str, Any], themes: dict[str, Theme]
) -> None:
    notice.grounds.all().delete()
    notice.acknowledgements.all().delete()
    notice.expectations.all().delete()
    notice.sources.all().delete()
    for n, (text, keys) in enumerate(contents["grounds"], start=1):
        Ground.objects.create(notice=notice, position=n, text=text).themes.set(
            [themes[k] for k in keys]
        )
    for n, text in enumerate(contents["acknowledgements"], start=1):
        Acknowledgement.objects.create(notice=notice, position=n, text=text)
    for n, (text, keys, verbatim) in enumerate(contents["expectations"], start=1):
        Expectation.objects.create(
            notice=notice, position=n, text=text, is_verbatim=verbatim
        ).themes.set([themes[k] for k in keys])
    Source.objects.bulk_create(
        Source(notice=notice, url=u, about_outcome=o) for u, o in contents["sources"]
    )
    Outcome.objects.filter(notice=notice).delete()
    if outcome:
        Outcome.objects.create(
            notice=notice,
            decided_on=outcome["on"],
            decided_on_approx=outcome["on_approx"],
            note=outcome["note"],
            letter_from_name=outcome["from"][0],
            letter_from_role=outcome["from"][1],
            letter_to_name=outcome["to"][0],
            letter_to_role=outcome["to"][1],
        )


def _authorities() -> dict[str, Authority]:
    found = {a.gss_code: a for a in Authority.objects.all()}
    for authority in Authority.objects.filter(former_codes__isnull=False).prefetch_related(
        "former_codes"
    ):
        for code in authority.former_codes.all():
            found.setdefault(code.gss_code, authority)
    return found


def _issue_order(record: dict[str, Any]) -> tuple[dt.date, str]:
    issued_on = record.get("issued_on")
    return (issued_on if isinstance(issued_on, dt.date) else dt.date.max, str(record.get("id")))


def load_notices(
    records: list[dict[str, Any]], *, source_name: str = "register.yaml"
) -> LoadReport:
    """Bring the notices in line with the register's records, in one transaction. A refusal
    names the file (`source_name`) and the record."""
    try:
        return _load_notices(records)
    except RegisterDataError as exc:
        raise RegisterDataError(f"{source_name}: {exc}") from None


def _load_notices(records: list[dict[str, Any]]) -> LoadReport:
    report = LoadReport()
    themes = {t.key: t for t in Theme.objects.all()}
    authorities = _authorities()
    ids = [r.get("id") for r in records]
    if len(set(ids)) != len(ids) or not all(ids):
        raise RegisterDataError("notices: every record needs a unique id")
    # Oldest first, so references (BVN-YYYY-NNN) follow issue order and replaced notices exist.
    ordered = sorted(records, key=_issue_order)
    with transaction.atomic():
        existing: dict[str, Notice] = {
            str(n.register_id): n
            for n in Notice.objects.filter(register_id__in=ids)
            .select_related("outcome")
            .prefetch_related(
                "grounds__themes", "acknowledgements", "expectations__themes", "sources"
            )
        }
        for record in ordered:
            where = f"notices[{records.index(record)}] ({record['id']})"
            _load_one(record, where, existing, authorities, themes, report)
        _link_replacements(ordered, existing)
    return report


def _load_one(
    record: dict[str, Any],
    where: str,
    existing: dict[str, Notice],
    authorities: dict[str, Authority],
    themes: dict[str, Theme],
    report: LoadReport,
) -> None:
    values = _values(record, where, authorities)
    contents = _contents(record, where, themes)
    outcome = _outcome_from_record(contents.pop("outcome"), where)
    notice = existing.get(record["id"])
    if notice is None:
        issued_on = values["issued_on"]
        notice = Notice(register_id=record["id"], reference=_reference_for(issued_on), **values)
        notice.full_clean(exclude=["editors", "replaces"], validate_constraints=False)
        notice.save()
        _write_contents(notice, contents, outcome, themes)
        record_event(actor=None, action="notice.loaded", obj=notice, after=snapshot(notice))
        existing[record["id"]] = notice
        report.created.append(record["id"])
        return
    changed = [name for name, value in values.items() if getattr(notice, name) != value]
    current = _current_contents(notice)
    current_outcome = current.pop("outcome")
    if not changed and current == contents and current_outcome == outcome:
        report.unchanged += 1
        return
    before = snapshot(notice)
    for name in changed:
        setattr(notice, name, values[name])
    notice.full_clean(exclude=["editors", "replaces"], validate_constraints=False)
    notice.save()
    _write_contents(notice, contents, outcome, themes)
    record_event(
        actor=None, action="notice.reloaded", obj=notice, before=before, after=snapshot(notice)
    )
    report.updated.append(record["id"])


def _reference_for(issued_on: dt.date | None) -> str | None:
    from bestvalue.notices.services import allocate_reference

    return None if issued_on is None else allocate_reference(issued_on.year)


def _link_replacements(records: list[dict[str, Any]], notices: dict[str, Notice]) -> None:
    for record in records:
        replaces = record.get("replaces")
        if replaces is not None and replaces not in notices:
            raise RegisterDataError(
                f"notices ({record['id']}): replaces {replaces!r}, which is not in the register"
            )
        notice = notices[record["id"]]
        target = notices[replaces].pk if replaces else None
        if notice.replaces_id != target:
            notice.replaces_id = target
            notice.save(update_fields=["replaces"])
