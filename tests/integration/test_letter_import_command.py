"""bestvalue import-letter: a proposal printed for a person to check; nothing is ever recorded."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from bestvalue.authorities.services import load_authorities

pytestmark = pytest.mark.django_db

TEXTS = Path(__file__).resolve().parent.parent / "data" / "texts"
STATEMENT = TEXTS / "cpca-2024-01-30-statement.txt"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_letter", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_it_prints_the_proposal_as_json_with_events_oldest_first() -> None:
    load_authorities()
    out, err = _run(str(STATEMENT), "--published-on", "2024-01-30", "--format", "json")
    data = json.loads(out)
    assert err == ""
    assert data["authority_gss"] == "E47000008"
    assert [(e["kind"], e["on"], e["period_months"]) for e in data["events"]] == [
        ("issued", "2023-01-24", None),
        ("reissued", "2024-01-30", 6),
    ]
    assert len(data["expectations"]) == 5
    assert all(isinstance(item, str) for item in data["expectations"])
    for event in data["events"]:
        assert event["passage"]
        assert 0 < event["confidence"] <= 1
    assert data["authority"]["passage"] == "Cambridgeshire & Peterborough Combined Authority"
    assert {"acknowledgements", "signatory", "addressee", "passages"} <= set(data)
    assert data["document"] == {"file": STATEMENT.name, "kind": "text"}


def test_it_finds_an_unnamed_council_from_the_page_address() -> None:
    out, _ = _run(
        str(TEXTS / "runnymede-notice-page.txt"),
        "--source",
        "https://runnymede.gov.uk/council-local-democracy/best-value-notice",
        "--format",
        "json",
    )
    assert json.loads(out)["authority_gss"] == "E07000212"


def test_it_prints_a_readable_summary_with_passages_and_confidences() -> None:
    load_authorities()
    out, _ = _run(str(STATEMENT), "--published-on", "2024-01-30")
    assert "Nothing has been recorded" in out
    assert "Authority: Cambridgeshire and Peterborough Combined Authority (E47000008)" in out
    assert "2. reissued on 2024-01-30, for 6 months, confidence 0." in out
    assert 'from: "The revised Best Value Notice replaces the notice issued by DLUHC' in out
    assert "Expectations (5):" in out


def test_it_matches_against_the_reference_files_when_the_authorities_are_not_loaded() -> None:
    out, err = _run(str(STATEMENT), "--format", "json")
    assert "not loaded" in err
    assert json.loads(out)["authority_gss"] == "E47000008"


def test_it_writes_nothing_to_the_database() -> None:
    load_authorities()
    before = _counts()
    _run(str(STATEMENT), "--format", "json")
    _run(str(TEXTS / "newham-2025-05-08-response.txt"))
    assert _counts() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\x00\x01\x02\x03binary\x00junk", "binary data"),
        (b"%PDF-1.7\nnot really a pdf", "The PDF is damaged"),
        (b"PK\x03\x04 not really a zip", "damaged"),
    ],
    ids=["empty", "binary", "corrupt-pdf", "corrupt-docx"],
)
def test_an_unreadable_file_is_refused_with_a_clear_message_and_nothing_created(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(content)
    before = _counts()
    with pytest.raises(CommandError) as excinfo:
        _run(str(path))
    assert message in str(excinfo.value)
    assert str(excinfo.value).endswith("Nothing was imported.")
    assert _counts() == before


def test_a_200_mb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(CommandError, match=r"The file is 200\.0 MB"):
        _run(str(path))


def test_a_bad_publication_date_is_refused_with_the_form_to_use() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run(str(STATEMENT), "--published-on", "30/01/2024")


def test_it_exits_non_zero_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as excinfo:
        ManagementUtility(["bestvalue", "import_letter", str(path)]).execute()
    assert excinfo.value.code == 1
    assert "The file is empty" in capsys.readouterr().err


UNNAMED = "Best Value Notice\n\nOn 3 August 2023 we were issued with a Best Value Notice.\n"


class _Terminal(io.StringIO):
    """What a person types at a terminal, one answer a line."""

    def isatty(self) -> bool:
        return True


def _unnamed(tmp_path: Path) -> Path:
    path = tmp_path / "statement.txt"
    path.write_text(UNNAMED, encoding="utf-8")
    return path


def _with_stdin(stdin: io.StringIO, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_letter", *args, stdout=out, stderr=err, stdin=stdin)
    return out.getvalue(), err.getvalue()


def test_a_text_that_never_names_its_authority_is_refused_when_no_one_can_be_asked(
    tmp_path: Path,
) -> None:
    with pytest.raises(CommandError) as excinfo:
        _with_stdin(io.StringIO(""), str(_unnamed(tmp_path)), "--format", "json")
    message = str(excinfo.value)
    assert "never names the authority" in message
    assert "does not guess" in message
    assert "--authority" in message
    assert message.endswith("Nothing was imported.")


def test_the_authority_of_an_unnamed_text_can_be_given_by_name_or_code(tmp_path: Path) -> None:
    for given in ("Middlesbrough Council", "e06000002"):
        out, _ = _run(str(_unnamed(tmp_path)), "--authority", given, "--format", "json")
        data = json.loads(out)
        assert data["authority_gss"] == "E06000002"
        assert data["authority"]["evidence"] == "chosen by a person"
        assert data["authority"]["passage"] == given


def test_an_authority_given_that_names_none_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not one authority's name or GSS code"):
        _run(str(_unnamed(tmp_path)), "--authority", "Atlantis Borough Council")


def test_at_a_terminal_the_import_says_so_and_asks_until_it_is_told(tmp_path: Path) -> None:
    out, _ = _with_stdin(
        _Terminal("Atlantis\nMiddlesbrough Council\n"), str(_unnamed(tmp_path)), "--format", "json"
    )
    assert out.count("Which authority is it about?") == 2
    assert "never names the authority" in out
    assert "'Atlantis' is not one authority's name or GSS code" in out
    assert '"authority_gss": "E06000002"' in out


def test_at_a_terminal_a_blank_answer_stops_the_import(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No authority given"):
        _with_stdin(_Terminal("\n"), str(_unnamed(tmp_path)))


def test_a_text_that_names_its_authority_is_never_asked_about_it() -> None:
    out, _ = _with_stdin(_Terminal(""), str(STATEMENT), "--format", "json")
    assert "Which authority" not in out
    assert json.loads(out)["authority_gss"] == "E47000008"


def test_the_summary_says_why_a_reading_is_less_certain(tmp_path: Path) -> None:
    path = tmp_path / "lifted.txt"
    path.write_text(
        "Middlesbrough Council\n\nThe Best Value Notice issued in January 2023 has been lifted.\n",
        encoding="utf-8",
    )
    out, _ = _run(str(path), "--published-on", "2024-09-10")
    assert "2. not reissued on 2024-09-10, confidence 0." in out
    assert "weaker because: no date is given for the outcome: dated by the statement itself" in out
