"""What a letter or statement says: events, periods, expectations, acknowledgements, people."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.letters.authorities import reference_variants
from bestvalue.letters.events import find_events
from bestvalue.letters.extraction import propose
from bestvalue.letters.items import (
    find_acknowledgements,
    find_addressee,
    find_expectations,
    find_signatory,
)


def _events(
    text: str, published_on: dt.date | None = None
) -> list[tuple[str, str | None, int | None]]:
    return [(e.kind, e.on, e.period_months) for e in find_events(text, published_on=published_on)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("On 3 August 2023 we were issued with a Best Value Notice.", "issued"),
        ("A Best Value Notice was issued to the Council on 3 August 2023.", "issued"),
        ("The Council received a second Best Value Notice on 3 August 2023.", "reissued"),
        ("On 3 August 2023, a revised Best Value Notice was issued.", "reissued"),
        ("The Department reissued the notice on 3 August 2023.", "reissued"),
        ("On 3 August 2023 the Department wrote to say the notice had lapsed.", "not_reissued"),
        ("The Best Value Notice expired on 3 August 2023.", "not_reissued"),
        ("The notice was lifted on 3 August 2023.", "not_reissued"),
        ("On 3 August 2023 the Notice was removed.", "not_reissued"),
        ("The notice ended on 3 August 2023.", "not_reissued"),
        ("On 3 August 2023 we heard the notice would not be renewed.", "not_reissued"),
        (
            "On 3 August 2023 MHCLG said the Notice would not be reissued at this time.",
            "not_reissued",
        ),
        (
            "The Government allowed the best value notice for the Council to lapse on 3 August 2023.",
            "not_reissued",
        ),
    ],
)
def test_the_words_for_each_kind_of_event_are_recognised(text: str, kind: str) -> None:
    assert _events(text) == [(kind, "2023-08-03", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The Department will consider whether a further notice needs to be issued.",
        "After six months it would be reissued should the Department deem it necessary.",
        "Government issued notice of this request on 29 December 2023.",
        "A Best Value Notice is the start of a process.",
        "The council received a C4 rating last year.",
        "In the revised notice, the Department acknowledged the progress made since January 2023.",
    ],
)
def test_possibilities_and_other_notices_are_not_events(text: str) -> None:
    assert _events(text) == []


def test_a_date_that_belongs_to_something_else_is_not_the_events_date() -> None:
    text = (
        "The Notice was issued following the publication of the independent review "
        "undertaken by CIPFA in July 2023 which contained six recommendations."
    )
    assert _events(text) == [("issued", None, None)]


def test_a_date_that_opens_the_sentence_dates_its_event_however_far_away() -> None:
    text = (
        "On Friday 8 November 2024, the Government's Ministry of Housing, Communities and Local "
        "Government wrote to the Council [PDF, 0.1MB] to say that the Best Value Notice had "
        "expired and would not be reissued."
    )
    assert _events(text) == [("not_reissued", "2024-11-08", None)]


def test_each_notice_in_a_sentence_gets_its_own_date() -> None:
    text = (
        "Today the Department issued a revised Best Value Notice. The revised Best Value Notice "
        "replaces the notice issued by DLUHC on 24th January 2023 and can be found here."
    )
    assert _events(text, dt.date(2024, 1, 30)) == [
        ("issued", "2023-01-24", None),
        ("reissued", "2024-01-30", None),
    ]


def test_today_needs_the_documents_date() -> None:
    text = "The Department has today issued the Council with a Best Value Notice."
    assert _events(text) == [("issued", None, None)]
    assert _events(text, dt.date(2025, 5, 8)) == [("issued", "2025-05-08", None)]


def test_a_month_is_kept_as_a_month() -> None:
    text = "The Department previously issued a notice a year ago (January 2023) over its culture."
    assert _events(text) == [("issued", "2023-01", None)]


def test_mentions_of_one_event_become_one_event_with_the_most_precise_date() -> None:
    text = (
        "A notice was issued in January 2023. On 24 January 2023, a Best Value Notice was "
        "issued to the Council. The Notice was issued because of concerns."
    )
    assert _events(text) == [("issued", "2023-01-24", None)]


def test_undated_events_sort_after_the_events_they_follow() -> None:
    text = (
        "The Department has issued the Authority with a revised best value notice. "
        "The notice was later lifted. "
        "The Department previously issued a best value notice in January 2023."
    )
    assert _events(text) == [
        ("issued", "2023-01", None),
        ("reissued", None, None),
        ("not_reissued", None, None),
    ]


def test_a_period_in_the_sentence_belongs_to_the_event_nearest_it() -> None:
    text = (
        "A Best Value Notice was issued on 3 November 2023 for a period of six months. "
        "The Council received a second Best Value Notice on 8 May 2024. "
        "This extended the Notice for a further six months."
    )
    assert _events(text) == [("issued", "2023-11-03", 6), ("reissued", "2024-05-08", 6)]


def test_a_period_said_later_belongs_to_the_latest_notice() -> None:
    text = (
        "On 24 January 2023 a notice was issued. On 30 January 2024, a revised Best Value "
        "Notice was issued. It will remain in place for six months."
    )
    assert _events(text) == [("issued", "2023-01-24", None), ("reissued", "2024-01-30", 6)]


def test_time_left_is_a_period_only_where_none_is_stated() -> None:
    text = (
        "MHCLG has today issued the Council with a Best Value Notice for 12 months. "
        "We expect to make progress over the next 6 months."
    )
    assert _events(text, dt.date(2025, 5, 8)) == [("issued", "2025-05-08", 12)]


def test_time_past_is_not_a_period() -> None:
    text = (
        "On 30 January 2024 a revised Best Value Notice was issued. DLUHC acknowledge the "
        "progress we have made over the past 12 months."
    )
    assert _events(text) == [("reissued", "2024-01-30", None)]


def test_each_event_quotes_its_sentence_and_its_date() -> None:
    text = "Skip to content\n\nOn 19 December 2023 we were issued with a Best Value Notice."
    (event,) = find_events(text)
    assert event.passage == "On 19 December 2023 we were issued with a Best Value Notice."
    assert event.date_passage == "19 December 2023"
    assert 0.9 <= event.confidence <= 1


def test_an_undated_event_is_less_certain_than_a_dated_one() -> None:
    dated, undated = find_events(
        "On 3 August 2023 we were issued with a Best Value Notice. A year on, the Notice was removed."
    )
    assert undated.on is None
    assert undated.confidence < dated.confidence


def test_a_notice_dated_in_apposition_is_issued_on_that_date() -> None:
    text = (
        "The Council has been issued with a Best Value Notice. The notice, dated 19 December "
        "2023, sets out concerns about debt. In a letter dated 9 May 2024 we replied."
    )
    assert _events(text) == [("issued", "2023-12-19", None)]


def test_a_letter_dates_what_it_does_in_the_present_tense() -> None:
    letter = (
        "Dear Chief Executive,\n"
        "I am writing to confirm that the Department will not be reissuing the Best Value "
        "Notice issued to the Council on 19 December 2023, which has now expired."
    )
    assert _events(letter, dt.date(2024, 12, 19)) == [
        ("issued", "2023-12-19", None),
        ("not_reissued", "2024-12-19", None),
    ]
    assert _events(letter) == [("issued", "2023-12-19", None), ("not_reissued", None, None)]


def test_issue_is_a_verb_only_where_it_is_used_as_one() -> None:
    assert _events("The decision to issue a Best Value Notice was taken on 5 March 2024.") == [
        ("issued", "2024-03-05", None)
    ]
    assert _events("The issues the notice raised were discussed on 5 March 2024.") == []


# --- expectations ----------------------------------------------------------------------------


def test_a_bulleted_list_after_a_lead_in_is_the_expectations() -> None:
    text = (
        "The Department expects the Authority to:\n"
        "- Continue with the Improvement Board.\n"
        "- Implement the improvement plan.\n"
        "The Department said it will consider a further notice."
    )
    assert [i.text for i in find_expectations(text)] == [
        "Continue with the Improvement Board.",
        "Implement the improvement plan.",
    ]


def test_a_numbered_list_with_wrapped_items_and_quotes_is_read_item_by_item() -> None:
    text = (
        "DLUHC highlight three specific areas for further improvement, these are:\n\n"
        "  1. “Continue with the Improvement Board, making full use of its\n"
        "     support over the next six months.\n"
        "  2) “Implement the plan;\n"
        "  3. “Engage with the Department.”\n\n"
        "Commenting on the notice, the Mayor said it was welcome."
    )
    found = find_expectations(text)
    assert [i.text for i in found] == [
        "Continue with the Improvement Board, making full use of its support over the next six months.",
        "Implement the plan",
        "Engage with the Department.",
    ]
    # The lead-in says three, and three were found.
    assert all(i.confidence >= 0.9 for i in found)


def test_plain_lines_after_an_expects_lead_in_are_expectations() -> None:
    text = (
        "The Department expects the Council to:\n"
        "Continue with the Improvement Board.\n"
        "Implement the plan.\n\n"
        "Yours sincerely,"
    )
    assert len(find_expectations(text)) == 2


def test_items_numbered_inside_the_paragraph_are_expectations() -> None:
    text = "The Department expects the Council to: (1) keep the board; (2) implement the plan; and (3) report monthly."
    assert [i.text for i in find_expectations(text)] == [
        "keep the board",
        "implement the plan",
        "report monthly.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "This Notice requested that the Council end the trial, or commit to weekly data.",
        "For more information about our Best Value Notice you can:\n\nHave you found a problem?",
        "Relevant documents are provided below:\n- Notice letter [PDF]\n- Council response",
        "The Department expects the Council to improve.",
    ],
)
def test_text_that_is_not_a_list_of_expectations_gives_none(text: str) -> None:
    assert find_expectations(text) == []


# --- acknowledgements and people -------------------------------------------------------------


def test_the_departments_acknowledgements_are_found_but_not_a_spokespersons() -> None:
    text = (
        "Department acknowledges progress at combined authority\n"
        "In the revised notice, the Department acknowledged steps taken by the authority.\n"
        "It also noted the conclusion of an investigation.\n"
        'Commenting on the notice, the Chief Executive said: "The notice acknowledges our progress."'
    )
    assert [i.text for i in find_acknowledgements(text)] == [
        "In the revised notice, the Department acknowledged steps taken by the authority.",
        "It also noted the conclusion of an investigation.",
    ]


def test_the_signatory_is_the_name_under_the_sign_off() -> None:
    text = "Thank you.\n\nYours sincerely,\n\n[signature]\nSam Official\nDeputy Director\n"
    person = find_signatory(text)
    assert person is not None
    assert (person.name, person.role) == ("Sam Official", "Deputy Director")


def test_a_byline_is_not_a_signatory() -> None:
    assert find_signatory("The council welcomed the notice.\nAdam Carey") is None


def test_the_addressee_is_the_person_the_salutation_greets() -> None:
    text = "Rob Bridge\nChief Executive\nThe Authority\n\n30 January 2024\n\nDear Rob,\n\nText."
    person = find_addressee(text)
    assert person is not None
    assert (person.name, person.role) == ("Rob Bridge", "Chief Executive")


def test_a_salutation_without_an_address_block_gives_the_role() -> None:
    person = find_addressee("Dear Chief Executive,\n\nText.")
    assert person is not None
    assert (person.name, person.role) == (None, "Chief Executive")


def test_a_proposal_never_guesses_what_the_text_does_not_say() -> None:
    proposal = propose(
        "Best Value Notice\n\nA Best Value Notice is the start of a process.",
        published_on=None,
        variants=reference_variants(),
    )
    data = proposal.as_json()
    assert data["authority_gss"] is None
    assert data["events"] == []
    assert data["expectations"] == []
    assert data["signatory"] is None
    assert data["addressee"] is None


def test_acknowledged_progress_listed_after_a_lead_in_is_read_item_by_item() -> None:
    text = (
        "The Department recognises the progress the Authority has made:\n"
        "1. Permanent appointments to senior posts.\n"
        "2. The conclusion of the code of conduct investigation.\n\n"
        "The Department also recognises the work of the Improvement Board."
    )
    assert [a.text for a in find_acknowledgements(text)] == [
        "Permanent appointments to senior posts.",
        "The conclusion of the code of conduct investigation.",
        "The Department also recognises the work of the Improvement Board.",
    ]


STATEMENT_DATE = dt.date(2024, 12, 19)


@pytest.mark.parametrize(
    "text",
    [
        "The revised notice was issued on 30 January 2024, replacing the notice issued in "
        "January 2023.",
        "The Best Value Notice issued on 30 January 2024, following the expiry of the existing "
        "Notice which had been issued in January 2023, runs for six months.",
        "A Best Value Notice was issued on 30 January 2024 in place of the original notice "
        "issued in January 2023.",
    ],
)
def test_a_notice_described_as_replacing_an_earlier_one_is_a_reissue_of_it(text: str) -> None:
    found = [(kind, on) for kind, on, _ in _events(text)]
    assert found == [("issued", "2023-01"), ("reissued", "2024-01-30")]


def test_a_reissue_read_from_the_earlier_notice_says_so_and_is_less_certain() -> None:
    plain, described = (
        find_events("A revised Best Value Notice was issued on 30 January 2024.")[0],
        find_events(
            "A Best Value Notice was issued on 30 January 2024, replacing the notice issued "
            "in January 2023."
        )[1],
    )
    assert described.kind == plain.kind == "reissued"
    assert described.confidence < plain.confidence
    assert any("earlier notice" in cue for cue in described.cues)
    assert plain.cues == ()


@pytest.mark.parametrize(
    "text",
    [
        "MHCLG has confirmed that the Best Value Notice issued to the Council in December 2023 "
        "will not be renewed.",
        "The Best Value Notice issued in December 2023 has been lifted.",
    ],
)
def test_an_outcome_is_dated_by_the_statement_not_by_the_notice(text: str) -> None:
    assert [(k, on) for k, on, _ in _events(text, STATEMENT_DATE)] == [
        ("issued", "2023-12"),
        ("not_reissued", "2024-12-19"),
    ]
    (_, outcome) = find_events(text, published_on=STATEMENT_DATE)
    assert any("dated by the statement" in cue for cue in outcome.cues)


def test_an_outcome_without_the_statements_date_stays_undated_rather_than_take_the_notices() -> (
    None
):
    text = "The Best Value Notice issued in December 2023 has been lifted."
    assert [(k, on) for k, on, _ in _events(text)] == [
        ("issued", "2023-12"),
        ("not_reissued", None),
    ]


def test_a_past_outcome_told_without_a_date_is_not_given_the_statements_date() -> None:
    text = "On 3 August 2023 we were issued with a notice. A year on, the Best Value Notice was removed."
    assert _events(text, STATEMENT_DATE)[-1] == ("not_reissued", None, None)


def test_relative_dates_date_events_with_the_cue_shown() -> None:
    text = (
        "We received a second Best Value Notice this January. The Department wrote on Monday "
        "to confirm that the Best Value Notice has expired and will not be reissued."
    )
    events = find_events(text, published_on=dt.date(2024, 9, 10))
    assert [(e.kind, e.on) for e in events] == [
        ("reissued", "2024-01"),
        ("not_reissued", "2024-09-09"),
    ]
    assert all(any("document\u2019s date" in cue for cue in e.cues) for e in events)


def test_a_deadline_is_not_the_date_of_an_event() -> None:
    text = "The Department issued the Best Value Notice within three months of the review."
    assert _events(text, STATEMENT_DATE) == [("issued", None, None)]


def test_each_weak_cue_lowers_confidence_and_a_written_date_has_none() -> None:
    written = find_events("The notice was lifted on 19 December 2024.")[0]
    stated = find_events("The notice has been lifted.", published_on=STATEMENT_DATE)[0]
    undated = find_events("The notice has been lifted.")[0]
    assert written.cues == ()
    assert written.confidence > stated.confidence > undated.confidence
    assert undated.cues == ("no date in the text",)


def test_the_proposal_json_shows_each_events_cues() -> None:
    proposal = propose(
        "Middlesbrough Council: the Best Value Notice has been lifted.",
        published_on=STATEMENT_DATE,
        variants=reference_variants(),
    )
    (event,) = proposal.as_json()["events"]
    assert event["on"] == "2024-12-19"
    assert event["cues"] == ["no date is given for the outcome: dated by the statement itself"]


def test_a_relative_date_without_the_documents_date_is_no_date_and_says_so() -> None:
    (event,) = find_events("We received a second Best Value Notice this January, as expected.")
    assert (event.kind, event.on) == ("reissued", None)
    assert event.cues == (
        "a date counted from the document\u2019s own date, which is not known (\u2018this January\u2019)",
    )
    assert event.confidence == find_events("We received a second Best Value Notice.")[0].confidence
