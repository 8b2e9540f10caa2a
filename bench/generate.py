"""Benchmark data: the real authorities and register, plus N times a realistic volume of casework.

    DEBUG=true DATABASE_URL=... .venv/bin/python bench/generate.py --scale 100

"Realistic volume" is measured from the real record (15 notices to 12 authorities since 2023, 5
expectations and 3 grounds a notice, about one review and one reissue in three) and multiplied:
at scale N the generator adds 15 x N notices, each drafted, approved and issued through the
services, most reviewed and lapsed or reissued, with engagement records and data requests, so
the audit log grows as it would in use. Everything goes through the services, so the data obeys
every rule the service enforces. Deterministic: the same scale gives the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestvalue.settings")

import django

django.setup()

from django.core.management import call_command

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import Authority
from bestvalue.guidance.themes import THEME_KEYS
from bestvalue.notices import engagement, reviews, services
from bestvalue.notices.reviews import AssessmentInput
from bestvalue.notices.services import ItemInput

REAL_NOTICES = 15
GROUNDS, ACKNOWLEDGEMENTS, EXPECTATIONS = 3, 2, 5
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


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _user(username: str, role: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"role": role})
    if created:
        user.set_password("bench-password-not-secret")
        user.save()
    return user


def _notice(
    rng: random.Random, authority: Authority, issued_on: dt.date, caseworker: User, approver: User
):  # type: ignore[no-untyped-def]
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


def _end(rng: random.Random, notice, caseworker: User, approver: User) -> None:  # type: ignore[no-untyped-def]
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


def generate(scale: int, *, seed: int = 1999) -> dict[str, float]:
    started = time.perf_counter()
    call_command("setup", verbosity=0)
    if scale == 0:
        return {"seconds": time.perf_counter() - started}
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
        day = dt.date(2015, 1, 5) + dt.timedelta(days=rng.randrange(0, 300))
        for n in range(per_authority):
            if made == total:
                break
            notice = _notice(rng, authority, day, caseworker, approver)
            engagement.record_engagement(
                notice,
                by=caseworker,
                kind="meeting",
                occurred_on=day + dt.timedelta(days=20),
                summary=_text(rng, 25),
            )
            engagement.create_data_request(
                notice,
                by=caseworker,
                title="Monthly finance return",
                requested_on=day,
                first_due_on=day + dt.timedelta(days=14),
                recurrence="monthly",
                last_due_on=day + dt.timedelta(days=14 + 150),
            )
            made += 1
            last = n == per_authority - 1 or made == total
            if not last or rng.random() < 0.7:
                _end(rng, notice, caseworker, approver)
                day = notice.expires_on + dt.timedelta(days=rng.randrange(30, 200))
            if made % 100 == 0:
                print(f"  {made}/{total} notices", file=sys.stderr)
        if made == total:
            break
    return {"seconds": time.perf_counter() - started, "notices": made}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=int,
        required=True,
        help="0 for the real record alone; N for N times its volume",
    )
    args = parser.parse_args()
    result = generate(args.scale)
    print(result)


if __name__ == "__main__":
    main()
