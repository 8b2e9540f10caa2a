"""Benchmark data: the real authorities and register, plus N times a realistic volume of casework.

    DEBUG=true DATABASE_URL=... .venv/bin/python bench/generate.py --scale 100

"Realistic volume" is measured from the real record (15 notices to 12 authorities since 2023, 5
expectations and 3 grounds a notice) and multiplied: at scale N the generator adds 15 x N
notices, each drafted, approved and issued through the services. They come in chains, one
notice after another to the same authority (at scale 100, five each to 300 authorities from
2015): every notice but the last is reviewed and lapsed at the end of its period, and the last
too in seven chains out of ten; a last notice left open was issued within the past five months,
so it is in force today. Each notice has an engagement record and a monthly data request whose
returns are received (under a notice in force, the latest may still be awaited).

Under each notice the authority keeps its improvement record, as the notices ask ("an
improvement plan", "measurable outcomes", "work with the independent improvement board"): 6
plan actions answering its expectations, with 2 dated progress updates each (under a notice
that lapses, most actions are done by the last); 2 measures with 12 readings between them (4
entered one by one, 8 imported from CSV); 3 evidence records (2 links and a small CSV file);
and 3 meetings of the authority's improvement board, each with assurance on all 5 expectations
and a recommendation the authority answers. About two thirds of the actions, half the measures
and evidence, and the assurance of each notice's last meeting are published. Under a notice in
force only what has already happened is recorded. Each authority has one officer and one board
(boards are reference data kept in the admin, so they are created directly) with three seats
and one member who signs in; benchmark users have no password (bench/run.py makes sessions).

Everything else goes through the services, so the data obeys every rule the service enforces
and every change has its audit event, as in use. Deterministic: the same scale on the same day
gives the same data. Each authority's chain is one transaction (the services nest inside it),
which saves a commit per write on SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestvalue.settings")
# The generated record goes back to 2015: dates that far from today are refused by default.
os.environ.setdefault("RECORD_DATE_MARGIN_DAYS", str(100 * 365))

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from bestvalue.accounts import services as accounts
from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.guidance.themes import THEME_KEYS
from bestvalue.improvement.models import (
    AssuranceStatement,
    BoardKind,
    Evidence,
    ImprovementBoard,
    Measure,
    Meeting,
    PlanAction,
    ProgressUpdate,
    Reading,
    Recommendation,
)
from bestvalue.improvement.services import (
    boards,
    evidence,
    measures,
    plan,
    publication,
    recommendations,
)
from bestvalue.notices import engagement, reviews, services
from bestvalue.notices.models import DataReturn, Expectation, Notice, Review
from bestvalue.notices.reviews import AssessmentInput
from bestvalue.notices.schedule import due_dates
from bestvalue.notices.services import ItemInput

REAL_NOTICES = 15
GROUNDS, ACKNOWLEDGEMENTS, EXPECTATIONS = 3, 2, 5
# The improvement record kept under each notice (see the module docstring).
ACTIONS, UPDATES_PER_ACTION = EXPECTATIONS + 1, 2
MEASURES, READINGS_ONE_BY_ONE, READINGS_IMPORTED = 2, 4, 8
EVIDENCE_LINKS, EVIDENCE_FILES = 2, 1
MEETINGS = 3
WORDS = [
    "governance",
    "culture",
    "leadership",
    "finance",
    "assurance",
    "board",
    "improvement",
    "plan",
    "scrutiny",
    "audit",
    "capacity",
    "partnership",
    "engagement",
    "officers",
    "members",
    "investment",
    "commercial",
    "risk",
    "delivery",
    "resident",
    "services",
    "transformation",
    "savings",
    "reserves",
]
ACTION_STATUSES = ["on_track", "on_track", "at_risk", "off_track", "done"]
RESPONSES = ["accepted", "accepted", "partly_accepted", "implemented", "not_accepted"]
RATINGS = ["substantial", "reasonable", "reasonable", "limited", "none"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _user(username: str, role: str, **binding: Any) -> User:
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    # No usable password (None), which also saves hashing one per user: benchmark users never
    # sign in with a password; bench/run.py makes their sessions directly.
    return accounts.create_user(username=username, password=None, role=role, **binding)  # type: ignore[arg-type]


def _notice(
    rng: random.Random, authority: Authority, issued_on: dt.date, caseworker: User, approver: User
) -> Notice:
    notice = services.create_draft(
        by=caseworker,
        authority=authority,
        period_months=rng.choice([6, 12]),
        addressee_name="Chief Executive",
        addressee_role="Chief Executive",
    )
    for kind, count in (
        ("grounds", GROUNDS),
        ("acknowledgements", ACKNOWLEDGEMENTS),
        ("expectations", EXPECTATIONS),
    ):
        for _ in range(count):
            themes = [] if kind == "acknowledgements" else rng.sample(THEME_KEYS, 2)
            notice = services.save_item(
                notice,
                by=caseworker,
                version=notice.version,
                kind=kind,
                item=ItemInput(_text(rng, 18), themes),
            )
    notice = services.submit_for_approval(notice, by=caseworker)
    return services.approve_and_issue(notice, by=approver, issued_on=issued_on)


def _end(rng: random.Random, notice: Notice, caseworker: User, approver: User) -> None:
    assessments = [
        AssessmentInput(e.pk, rng.choice(["met", "on_track", "at_risk"]), _text(rng, 12))
        for e in notice.expectations.all()
    ]
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=notice.expires_on,
        decision="lapse",
        rationale=_text(rng, 20),
        assessments=assessments,
    )
    reviews.approve_review(reviews.submit_review(review, by=caseworker), by=approver)


def _casework(
    rng: random.Random, notice: Notice, day: dt.date, caseworker: User, *, ends: bool
) -> None:
    """A meeting with the authority, and monthly finance returns asked for and received (under a
    notice in force, the latest one may still be awaited)."""
    engagement.record_engagement(
        notice,
        by=caseworker,
        kind="meeting",
        occurred_on=day + dt.timedelta(days=20),
        summary=_text(rng, 25),
    )
    request = engagement.create_data_request(
        notice,
        by=caseworker,
        title="Monthly finance return",
        requested_on=day,
        first_due_on=day + dt.timedelta(days=14),
        recurrence="monthly",
        last_due_on=day + dt.timedelta(days=14 + 150),
    )
    assert request.last_due_on is not None
    due = due_dates(
        request.first_due_on, request.recurrence, request.last_due_on, until=clock.today()
    )
    if not ends and due and rng.random() < 0.5:
        due = due[:-1]
    for due_on in due:
        received_on = min(due_on + dt.timedelta(days=rng.randrange(0, 5)), clock.today())
        engagement.record_data_return(
            request, by=caseworker, due_on=due_on, received_on=received_on
        )


# --- The authority's improvement record ---------------------------------------------------


@dataclass(frozen=True)
class People:
    officer: User
    member: User
    board: ImprovementBoard


def _people(authority: Authority, since: dt.date) -> People:
    """The authority's officer, its board (reference data: the admin makes boards, no service
    does) with three seats, and a board member who signs in."""
    board, created = ImprovementBoard.objects.get_or_create(
        authority=authority,
        name=f"{authority.short_name} Improvement Board",
        defaults={"kind": BoardKind.NON_STATUTORY, "established_on": since},
    )
    member = _user(f"bench-member-{authority.gss_code}", Role.BOARD_MEMBER, board=board)
    if created:
        for name, role in (("A Chair", "chair"), ("B Member", "member"), ("C Adviser", "adviser")):
            boards.add_membership(board, by=member, name=name, role=role, started_on=since)
    officer = _user(
        f"bench-officer-{authority.gss_code}", Role.AUTHORITY_OFFICER, authority=authority
    )
    return People(officer, member, board)


def _on(notice: Notice, share: float) -> dt.date:
    """The day `share` of the way through the notice's period. For a notice in force today,
    what would fall after today is left out: the record holds only what has happened."""
    assert notice.issued_on is not None
    assert notice.expires_on is not None
    days = (notice.expires_on - notice.issued_on).days
    return notice.issued_on + dt.timedelta(days=int(days * share))


def _past(day: dt.date) -> bool:
    return day <= clock.today()


def _actions(
    rng: random.Random,
    notice: Notice,
    expectations: list[Expectation],
    people: People,
    *,
    ends: bool,
) -> list[PlanAction]:
    """The plan's actions for the notice. Under a notice that runs its course most actions are
    done by the last update (a lapse means the department is satisfied); under one in force,
    only what has happened so far is recorded."""
    made = []
    for i in range(ACTIONS):
        answers = [expectations[i % len(expectations)].pk]
        action = plan.add_action(
            notice.authority,
            by=people.officer,
            title=_text(rng, 6)[:200],
            owner=rng.choice(["Chief Executive", "Section 151 Officer", "Monitoring Officer"]),
            due_on=_on(notice, rng.choice([0.5, 0.75, 1.0])),
            expectation_ids=answers,
            theme_keys=rng.sample(THEME_KEYS, 1),
            description=_text(rng, 30),
        )
        version = action.version
        for n in range(UPDATES_PER_ACTION):
            written_on = _on(notice, (n + 1) / (UPDATES_PER_ACTION + 1))
            last = n == UPDATES_PER_ACTION - 1
            if not _past(written_on):
                break
            plan.record_progress(
                action,
                by=people.officer,
                version=version,
                written_on=written_on,
                status="done"
                if ends and last and rng.random() < 0.85
                else rng.choice(ACTION_STATUSES),
                text=_text(rng, 25),
            )
            version += 1
        made.append(action)
    return made


def _measures(
    rng: random.Random, notice: Notice, expectations: list[Expectation], people: People
) -> list[Measure]:
    made = []
    start, end = _on(notice, 0), _on(notice, 1)
    for i in range(MEASURES):
        higher = i % 2 == 0
        baseline = Decimal(rng.randrange(40, 60))
        measure = measures.add_measure(
            notice.authority,
            by=people.officer,
            name=f"{'Staff survey engagement' if higher else 'Days to pay suppliers'} ({notice.reference})",
            definition=_text(rng, 20),
            unit="%" if higher else "days",
            direction="higher" if higher else "lower",
            baseline_value=baseline,
            baseline_on=start,
            target_value=baseline + 20 if higher else baseline - 20,
            target_on=end,
            expectation_ids=[expectations[i].pk],
        )
        days = [_on(notice, (k + 1) / 13) for k in range(READINGS_ONE_BY_ONE + READINGS_IMPORTED)]
        values = [baseline + Decimal(rng.randrange(-5, 15)) for _ in days]
        days = [day for day in days if _past(day)]
        for day, value in zip(days[:READINGS_ONE_BY_ONE], values, strict=False):
            measures.record_reading(
                measure, by=people.officer, taken_on=day, value=value, source="Survey"
            )
        imported = list(zip(days[READINGS_ONE_BY_ONE:], values[READINGS_ONE_BY_ONE:], strict=False))
        if imported:
            csv = "date,value,source\n" + "".join(
                f"{day.isoformat()},{value},Finance system\n" for day, value in imported
            )
            measures.import_readings(
                measure, by=people.officer, data=csv.encode(), filename="readings.csv"
            )
        made.append(measure)
    return made


def _evidence(
    rng: random.Random, notice: Notice, actions: list[PlanAction], people: People
) -> list[Evidence]:
    made = []
    for i in range(EVIDENCE_LINKS):
        made.append(
            evidence.add_evidence_link(
                notice.authority,
                by=people.officer,
                title=f"Cabinet report: {_text(rng, 5)}"[:200],
                effective_on=min(_on(notice, 0.1 + 0.2 * i), clock.today()),
                url=f"https://democracy.example.gov.uk/{notice.reference.lower()}/report-{i}",
                action_ids=[actions[i].pk],
            )
        )
    for i in range(EVIDENCE_FILES):
        rows = "".join(f"{m},{rng.randrange(100, 999)}\n" for m in ("April", "May", "June"))
        upload = SimpleUploadedFile("finance-return.csv", f"month,spend\n{rows}".encode())
        made.append(
            evidence.add_evidence_file(
                notice.authority,
                by=people.officer,
                title=f"Finance return {i + 1} for {notice.reference}",
                effective_on=min(_on(notice, 0.3), clock.today()),
                upload=upload,
                action_ids=[actions[-1].pk],
            )
        )
    return made


def _meetings(
    rng: random.Random, notice: Notice, expectations: list[Expectation], people: People
) -> list[Meeting]:
    made = []
    for i in range(MEETINGS):
        held_on = _on(notice, (i + 1) / (MEETINGS + 1))
        if not _past(held_on):
            break
        meeting = boards.record_meeting(
            people.board,
            by=people.member,
            held_on=held_on,
            minutes=_text(rng, 60),
            attendees="A Chair, B Member, C Adviser",
            assurances=[
                boards.AssuranceInput(e.pk, rng.choice(RATINGS), _text(rng, 20))
                for e in expectations
            ],
        )
        recommendation = recommendations.make_recommendation(
            meeting,
            by=people.member,
            text=_text(rng, 20),
            due_on=held_on + dt.timedelta(days=90),
            owner="Chief Executive",
            expectation_id=rng.choice(expectations).pk,
        )
        made.append(meeting)
        if not _past(held_on + dt.timedelta(days=14)):
            continue
        recommendations.respond_to_recommendation(
            recommendation,
            by=people.officer,
            version=recommendation.version,
            status=rng.choice(RESPONSES),
            response=_text(rng, 20),
            owner="Chief Executive",
            responded_on=held_on + dt.timedelta(days=14),
        )
    return made


def _improvement(rng: random.Random, notice: Notice, people: People, *, ends: bool) -> None:
    """The authority's improvement under one notice, some of it published."""
    expectations = list(notice.expectations.order_by("position"))
    actions = _actions(rng, notice, expectations, people, ends=ends)
    kept = _measures(rng, notice, expectations, people)
    files = _evidence(rng, notice, actions, people)
    meetings = _meetings(rng, notice, expectations, people)
    officer = people.officer
    for action in actions[: len(actions) * 2 // 3]:
        publication.set_published("action", action, by=officer, published=True)
    for item in kept[: len(kept) // 2]:
        publication.set_published("measure", item, by=officer, published=True)
    for item in files[: len(files) // 2 + 1]:
        publication.set_published("evidence", item, by=officer, published=True)
    for statement in meetings[-1].assurances.all() if meetings else []:
        publication.set_published("assurance", statement, by=people.member, published=True)


# --- The whole record ---------------------------------------------------------------------


def _chain(
    rng: random.Random,
    authority: Authority,
    count: int,
    caseworker: User,
    approver: User,
) -> int:
    """`count` notices to one authority, one after another, each with its improvement record;
    all but the last reviewed and lapsed, and the last too in seven chains out of ten. A last
    notice left open was issued in the past five months, so it is in force today, as the real
    record's open notices are."""
    day = dt.date(2015, 1, 5) + dt.timedelta(days=rng.randrange(0, 300))
    people = _people(authority, day)
    for n in range(count):
        ends = n < count - 1 or rng.random() < 0.7
        if not ends:
            day = clock.today() - dt.timedelta(days=rng.randrange(20, 150))
        notice = _notice(rng, authority, day, caseworker, approver)
        _casework(rng, notice, day, caseworker, ends=ends)
        _improvement(rng, notice, people, ends=ends)
        if ends:
            _end(rng, notice, caseworker, approver)
            assert notice.expires_on is not None
            day = notice.expires_on + dt.timedelta(days=rng.randrange(30, 200))
    return count


COUNTED: dict[str, Any] = {
    "notices": Notice,
    "expectations": Expectation,
    "reviews": Review,
    "data returns": DataReturn,
    "plan actions": PlanAction,
    "progress updates": ProgressUpdate,
    "measures": Measure,
    "readings": Reading,
    "evidence": Evidence,
    "boards": ImprovementBoard,
    "meetings": Meeting,
    "assurance statements": AssuranceStatement,
    "recommendations": Recommendation,
    "audit events": AuditEvent,
}


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


def generate(scale: int, *, seed: int = 1999) -> dict[str, Any]:
    started = time.perf_counter()
    call_command("setup", verbosity=0)
    set_up = time.perf_counter() - started
    if scale == 0:
        return {"scale": scale, "setup_seconds": set_up, "seconds": set_up, "counts": counts()}
    rng = random.Random(seed)
    caseworker, approver = (
        _user("bench-caseworker", Role.CASEWORKER),
        _user("bench-approver", Role.APPROVER),
    )
    # Authorities with no notice in force; each gets a chain of notices, one after another.
    free = list(Authority.objects.current().exclude(notices__status="issued").order_by("gss_code"))
    total = REAL_NOTICES * scale
    per_authority = max(1, -(-total // len(free)))
    made = 0
    for authority in free:
        with transaction.atomic():
            made += _chain(rng, authority, min(per_authority, total - made), caseworker, approver)
        if made % 100 < per_authority or made == total:
            elapsed = time.perf_counter() - started
            print(f"  {made}/{total} notices, {elapsed:.0f} s", file=sys.stderr, flush=True)
        if made == total:
            break
    return {
        "scale": scale,
        "setup_seconds": round(set_up, 1),
        "seconds": round(time.perf_counter() - started, 1),
        "counts": counts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--scale",
        type=int,
        required=True,
        help="0 for the real record alone; N for N times its volume",
    )
    parser.add_argument("--json", type=Path, help="also write what was made, and how long it took")
    args = parser.parse_args()
    result = generate(args.scale)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
