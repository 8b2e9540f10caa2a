"""Plain hand-written factories: the smallest valid record, with keyword overrides."""

from __future__ import annotations

import itertools
from typing import Any

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.authorities.models import Authority
from bestvalue.improvement.models import BoardKind, ImprovementBoard

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_authority(**overrides: Any) -> Authority:
    n = next(_numbers)
    values: dict[str, Any] = {
        "gss_code": f"E06{n:06d}",
        "official_name": f"Testshire Council {n}",
        "short_name": f"Testshire {n}",
        "kind": AuthorityKind.UNITARY,
        "region": "South West",
        "is_current": True,
    }
    values.update(overrides)
    return Authority.objects.create(**values)


def make_board(**overrides: Any) -> ImprovementBoard:
    values: dict[str, Any] = {"name": "Improvement Board", "kind": BoardKind.NON_STATUTORY}
    values.update(overrides)
    if "authority" not in values:
        values["authority"] = make_authority()
    return ImprovementBoard.objects.create(**values)


def make_user(role: str = Role.CASEWORKER, **overrides: Any) -> User:
    n = next(_numbers)
    values: dict[str, Any] = {"username": f"{role}-{n}", "role": role}
    if role == Role.AUTHORITY_OFFICER and "authority" not in overrides:
        values["authority"] = make_authority()
    if role == Role.BOARD_MEMBER and "board" not in overrides:
        values["board"] = make_board()
    values.update(overrides)
    user = User(**values)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_issued_notice(**overrides: Any) -> Any:
    """A notice drafted by one caseworker and approved by an approver: in force from 1 Jan 2024."""
    import datetime as dt

    from bestvalue.notices import services

    caseworker = overrides.pop("caseworker", None) or make_user(Role.CASEWORKER)
    approver = overrides.pop("approver", None) or make_user(Role.APPROVER)
    issued_on = overrides.pop("issued_on", dt.date(2024, 1, 1))
    authority = overrides.pop("authority", None) or make_authority()
    notice = make_draft_notice(caseworker=caseworker, authority=authority, **overrides)
    notice = services.submit_for_approval(notice, by=caseworker)
    return services.approve_and_issue(notice, by=approver, issued_on=issued_on)


def make_draft_notice(**overrides: Any) -> Any:
    from bestvalue.notices import services
    from bestvalue.notices.services import ItemInput

    caseworker = overrides.pop("caseworker", None) or make_user(Role.CASEWORKER)
    authority = overrides.pop("authority", None) or make_authority()
    expectations = overrides.pop("expectations", ["Work with the independent improvement board."])
    notice = services.create_draft(
        by=caseworker,
        authority=authority,
        period_months=overrides.pop("period_months", 12),
        addressee_name="A. Chief",
        addressee_role="Chief Executive",
        **overrides,
    )
    notice = services.save_item(
        notice,
        by=caseworker,
        version=notice.version,
        kind="grounds",
        item=ItemInput("Concerns about governance.", ["governance"]),
    )
    for text in expectations:
        notice = services.save_item(
            notice,
            by=caseworker,
            version=notice.version,
            kind="expectations",
            item=ItemInput(text, ["continuous_improvement"]),
        )
    return notice


# --- Interventions (bestvalue.interventions) ------------------------------------------------


def make_intervention(**overrides: Any) -> Any:
    """An active intervention in a new authority, created directly (no audit event)."""
    from bestvalue.interventions.models import Intervention

    n = next(_numbers)
    values: dict[str, Any] = {"reference": f"testshire-{n}", "trigger": "Section 114 notice."}
    values.update(overrides)
    if "authority" not in values:
        values["authority"] = make_authority()
    return Intervention.objects.create(**values)


def make_directions(**overrides: Any) -> Any:
    """Issued directions made on 1 Jan 2024, ending 31 Dec 2025, in a new intervention."""
    import datetime as dt

    from bestvalue.interventions.models import ApprovalStatus, Directions, DirectionsKind

    values: dict[str, Any] = {
        "kind": DirectionsKind.DIRECTIONS,
        "status": ApprovalStatus.ISSUED,
        "made_on": dt.date(2024, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "model": "commissioners",
    }
    values.update(overrides)
    if "intervention" not in values:
        values["intervention"] = make_intervention()
    if "position" not in values:
        values["position"] = values["intervention"].directions.count() + 1
    return Directions.objects.create(**values)


def register_interventions() -> list[dict[str, Any]]:
    """The `interventions:` records of the register shipped with the service, as parsed."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "bestvalue/notices/data/register.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["interventions"]


def make_register_authorities(records: list[dict[str, Any]]) -> None:
    """Just the authorities the register's interventions name (faster than loading all 383)."""
    for record in records:
        if not Authority.objects.filter(gss_code=record["authority_gss"]).exists():
            make_authority(
                gss_code=record["authority_gss"],
                official_name=record["authority_name"],
                short_name=record["authority_name"],
                is_current=record.get("authority_current", True),
            )
