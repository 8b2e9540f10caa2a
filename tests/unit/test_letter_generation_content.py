"""The wording of letters, worked out from a notice with no database: the statute and guidance
cited correctly, the department named as it was, drafts marked, dates and tenses right."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest

from bestvalue.letters.content import DRAFT_REFERENCE, notice_letter
from bestvalue.letters.outcome_content import ending_letter


class _Items(list):  # type: ignore[type-arg]
    def all(self) -> _Items:
        return self


def _notice(**overrides: Any) -> SimpleNamespace:
    values: dict[str, Any] = {
        "pk": 1,
        "reference": "BVN-2024-003",
        "department": "MHCLG",
        "authority": SimpleNamespace(official_name="Testborough Council"),
        "addressee_name": "Pat Chief",
        "addressee_role": "Chief Executive",
        "signatory_name": "Sam Sign",
        "signatory_role": "Deputy Director",
        "issued_on": dt.date(2024, 9, 2),
        "period_months": 12,
        "expires_on": dt.date(2025, 9, 2),
        "ended_on": None,
        "replaces": None,
        "replaces_id": None,
        "grounds": _Items([SimpleNamespace(text="Weak governance.", source_document="Audit 2024")]),
        "acknowledgements": _Items(),
        "expectations": _Items([SimpleNamespace(pk=7, text="Work with the board.")]),
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def _words(letter: Any) -> str:
    parts = [*letter.opening, *letter.closing]
    for section in letter.sections:
        parts += [section.heading, *section.paragraphs, *section.after]
        parts += [f"{i.text} {i.note}" for i in section.items]
    return " ".join(parts)


def test_a_notice_cites_the_duty_the_guidance_and_the_statutory_powers() -> None:
    letter = notice_letter(_notice())
    words = _words(letter)
    assert letter.title == "Best Value Notice"
    assert letter.reference == "BVN-2024-003"
    assert "Best Value Duty in section 3 of the Local Government Act 1999 (Part 1)" in words
    assert (
        "\u2018Best value standards and intervention: a statutory guide for best value authorities\u2019 "
        "(8 May 2024), issued under section 26 of the Act"
    ) in words
    assert "It is not a statutory notice" in words
    assert "best value inspection of the Authority (section 10)" in words
    assert (
        "if satisfied that the Authority is failing to comply with the requirements of Part 1 of "
        "the Act (section 15(1)), to intervene by giving directions"
    ) in words
    assert "necessary or expedient to secure its compliance (section 15(5))" in words
    assert (
        "by the Secretary of State or a person the Secretary of State nominates (section 15(6))"
        in words
    )
    assert "from 2 September 2024 until 2 September 2025" in words
    assert "Source: Audit 2024" in words
    assert letter.signatory == (
        "Sam Sign",
        "Deputy Director",
        "Ministry of Housing, Communities and Local Government",
    )


def test_a_draft_has_no_date_or_reference_and_says_when_its_period_starts() -> None:
    letter = notice_letter(_notice(reference=None, issued_on=None, expires_on=None))
    assert letter.draft
    assert letter.reference == DRAFT_REFERENCE
    assert letter.dated == "Date of issue to be added"
    assert "will be in place for 12 months from the date it is issued" in _words(letter)


def test_a_revised_notice_names_the_department_that_issued_the_first_as_it_was() -> None:
    first = _notice(reference="BVN-2024-001", department="DLUHC", issued_on=dt.date(2024, 1, 30))
    letter = notice_letter(_notice(replaces=first, replaces_id=1, period_months=6))
    assert letter.kind == "revised-notice"
    assert letter.opening[0].startswith(
        "On 30 January 2024 the Department for Levelling Up, Housing and Communities, now the "
        "Ministry of Housing, Communities and Local Government (the Department), issued "
        "Testborough Council (the Authority) with a Best Value Notice (BVN-2024-001)."
    )


def test_the_outcome_letter_says_the_notice_lapsed_and_gives_each_assessment() -> None:
    notice = _notice(ended_on=dt.date(2025, 9, 2))
    assessment = SimpleNamespace(expectation_id=7, get_rating_display=lambda: "On track")
    review = SimpleNamespace(
        decision="lapse",
        reviewed_on=dt.date(2025, 9, 10),
        rationale="Good progress.\n\nThe board agrees.",
        assessments=_Items([assessment]),
    )
    letter = ending_letter(notice, review, dated_on=dt.date(2025, 9, 12))
    words = _words(letter)
    assert letter.kind == "outcome"
    assert letter.dated == "12 September 2025"
    assert (
        "lapsed at the end of its period, on 2 September 2025, and is no longer in force" in words
    )
    assert "Work with the board. Assessed as: on track" in words
    assert letter.sections[0].paragraphs == ("Good progress.", "The board agrees.")


def test_the_withdrawal_letter_says_the_notice_was_withdrawn_on_the_decision() -> None:
    notice = _notice(ended_on=dt.date(2025, 3, 4))
    assessment = SimpleNamespace(expectation_id=7, get_rating_display=lambda: "At risk")
    review = SimpleNamespace(
        decision="withdraw",
        reviewed_on=dt.date(2025, 3, 4),
        rationale="Intervention is now being considered instead.",
        assessments=_Items([assessment]),
    )
    letter = ending_letter(notice, review, dated_on=dt.date(2025, 3, 6), department="MHCLG")
    words = _words(letter)
    assert letter.kind == "withdrawal"
    assert letter.subject == "Best Value Notice withdrawn: Testborough Council"
    assert "decided to withdraw it before the end of its period" in words
    assert "was withdrawn on 4 March 2025, and is no longer in force" in words
    assert "Work with the board. Assessed as: at risk" in words
    assert "not to reissue" not in words
    assert letter.department == "Ministry of Housing, Communities and Local Government"


@pytest.mark.parametrize("decision", ["lapse", "withdraw"])
def test_the_lapse_letter_and_withdrawal_letter_cite_section_15_by_subsection_in_the_acts_words(
    decision: str,
) -> None:
    review = SimpleNamespace(
        decision=decision,
        reviewed_on=dt.date(2025, 9, 10),
        rationale="Progress.",
        assessments=_Items([]),
    )
    letter = ending_letter(_notice(ended_on=dt.date(2025, 9, 2)), review, dated_on=None)
    (next_steps,) = [s for s in letter.sections if s.heading == "What happens next"]
    words = " ".join(next_steps.paragraphs)
    # s.15(1): the condition; s.15(5) and s.15(6): the two kinds of direction, as the Act says.
    assert "failing to comply with the requirements of Part 1 of the Act (section 15(1))" in words
    assert "necessary or expedient to secure its compliance (section 15(5))" in words
    assert "a person the Secretary of State nominates (section 15(6))" in words
    assert "best value inspection (section 10)" in words
    # Ending a non-statutory notice uses no power; no other subsection is cited.
    cited = set(re.findall(r"section 15\((\d+)\)", words))
    assert cited == {"1", "5", "6"}


def test_letters_before_the_2024_guidance_cite_the_duty_only() -> None:
    words = _words(notice_letter(_notice(issued_on=dt.date(2023, 1, 24))))
    assert "section 3 of the Local Government Act 1999" in words
    assert "8 May 2024" not in words
    assert "section 26" not in words
