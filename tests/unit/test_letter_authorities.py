"""Matching the authority a text is about, against the real name variants (no database)."""

from __future__ import annotations

import pytest

from bestvalue.letters.authorities import (
    NameVariant,
    find_mentions,
    match_authority,
    reference_variants,
)

VARIANTS = reference_variants()


def _gss(text: str, source_url: str | None = None) -> str | None:
    match = match_authority(text, VARIANTS, source_url=source_url)
    return match.gss_code if match else None


@pytest.mark.parametrize(
    ("text", "gss"),
    [
        ("A notice was issued to Middlesbrough Borough Council.", "E06000002"),
        ("A notice was issued to Middlesbrough Council.", "E06000002"),
        ("MHCLG issued Newham Council with a notice.", "E09000025"),
        ("the London Borough of Newham", "E09000025"),
        ("Cambridgeshire & Peterborough Combined Authority", "E47000008"),
        ("Bournemouth, Christchurch and Poole Council", "E06000058"),
        ("The decision to lift BCP Council's notice", "E06000058"),
        ("South Cambridgeshire District Council", "E07000012"),
    ],
)
def test_full_names_and_short_forms_are_matched(text: str, gss: str) -> None:
    assert _gss(text) == gss


def test_the_longest_name_wins_over_the_places_inside_it() -> None:
    text = "Cambridgeshire and Peterborough Combined Authority met."
    mentions = find_mentions(text, VARIANTS)
    assert [(m.text, m.gss_codes) for m in mentions] == [
        ("Cambridgeshire and Peterborough Combined Authority", ("E47000008",))
    ]


def test_a_place_name_with_an_organisation_word_beats_a_bare_place() -> None:
    text = "Middlesbrough Council welcomed the notice. Visit Cambridgeshire for the day."
    match = match_authority(text, VARIANTS)
    assert match is not None
    assert (match.gss_code, match.evidence) == ("E06000002", "place and organisation")


def test_the_council_and_the_combined_authority_resolve_to_the_one_named() -> None:
    text = (
        "Middlesbrough is a town. The Council welcomed it. The Council will respond. "
        "The council said so."
    )
    alone = match_authority("Middlesbrough is a town.", VARIANTS)
    with_short_forms = match_authority(text, VARIANTS)
    assert alone is not None
    assert with_short_forms is not None
    assert with_short_forms.gss_code == "E06000002"
    assert with_short_forms.confidence >= alone.confidence


def test_a_short_form_alone_names_no_authority() -> None:
    assert match_authority("The Council was issued with a notice.", VARIANTS) is None
    assert match_authority("the Combined Authority Board met", VARIANTS) is None


def test_initials_match_only_an_authority_whose_initials_they_are() -> None:
    assert _gss("The CPCA Board met.") == "E47000008"
    assert _gss("DLUHC and MHCLG wrote to the LGA and CIPFA.") is None


def test_place_names_in_lower_case_are_ordinary_words() -> None:
    # "reading" and "bury" are words before they are Reading and Bury.
    assert _gss("After reading the letter we will bury the matter.") is None
    assert _gss("Reading Borough Council read the letter.") == "E06000038"


def test_a_current_authority_is_preferred_to_the_one_it_replaced() -> None:
    # Both North East combined authorities are called "North East Combined Authority"; only the
    # one formed in 2024 is current.
    assert _gss("The North East Combined Authority was issued with a notice.") == "E47000014"


def test_the_page_address_names_a_council_that_the_text_does_not() -> None:
    text = "On 3 August 2023 we were issued with a Best Value Notice."
    assert _gss(text) is None
    assert _gss(text, "https://www.bcpcouncil.gov.uk/about-the-council/best-value-notice") == (
        "E06000058"
    )
    assert _gss(text, "https://scambs.gov.uk/best-value-notice-data-requests") == "E07000012"
    assert _gss(text, "https://runnymede.gov.uk/council-local-democracy/best-value-notice") == (
        "E07000212"
    )
    assert _gss(text, "https://www.wmca.org.uk/news/") == "E47000007"
    assert _gss(text, "https://www.lbbd.gov.uk/news") == "E09000002"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/uk-england-cambridgeshire-68146229",
        "https://www.gov.uk/government/collections/best-value-notices-for-local-authorities",
        "https://www.localgovernmentlawyer.co.uk/governance/",
        "https://www.local.gov.uk/",
    ],
)
def test_an_address_that_is_not_a_councils_own_names_no_authority(url: str) -> None:
    assert _gss("We were issued with a Best Value Notice.", url) is None


def test_a_council_address_in_the_text_counts_as_evidence() -> None:
    text = "For more information email bestvalue@runnymede.gov.uk or call us."
    assert _gss(text) == "E07000212"


def test_the_most_named_authority_wins_with_less_confidence_when_others_are_named() -> None:
    text = (
        "Middlesbrough Council and Thurrock Council were issued with notices. "
        "Middlesbrough Council welcomed it. Middlesbrough Council will respond."
    )
    contested = match_authority(text, VARIANTS)
    clear = match_authority("Middlesbrough Council welcomed it.", VARIANTS)
    assert contested is not None
    assert clear is not None
    assert contested.gss_code == "E06000002"
    assert contested.confidence < clear.confidence


def test_the_passage_is_the_words_in_the_text() -> None:
    text = "Today MHCLG issued Newham Council with a notice."
    match = match_authority(text, VARIANTS)
    assert match is not None
    assert match.passage == "Newham Council"
    assert text[match.start or 0 : match.end] == match.passage


def test_variants_can_come_from_anywhere() -> None:
    variants = [
        NameVariant("E06999999", "Testshire Council", "testshire council", "UA"),
        NameVariant("E06999999", "Testshire", "testshire", "UA"),
    ]
    match = match_authority("Testshire Council was issued with a notice.", variants)
    assert match is not None
    assert (match.gss_code, match.name) == ("E06999999", "Testshire Council")
