"""bestvalue create-user: the name is checked before the password is asked for; the password is
asked for twice and must pass Django's validators (length, common, similarity, numeric) and the
character-variety check."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connections

from bestvalue import cli
from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    monkeypatch.delenv("BESTVALUE_PASSWORD", raising=False)
    # A command closes the database connections when it ends; the test's transaction needs its.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    prompts: list[str] = []
    replies: Iterator[str] = iter(answers)

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(replies)

    monkeypatch.setattr("getpass.getpass", getpass)
    return prompts


def _refusal(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["create-user", *args])
    assert excinfo.value.code == 1
    return capsys.readouterr().err


def test_a_taken_name_is_refused_before_the_password_is_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = make_user(Role.CASEWORKER)
    prompts = _typed(monkeypatch)
    err = _refusal(capsys, taken.username, "--role", "caseworker")
    assert f"A user called {taken.username} already exists" in err
    assert prompts == []


def test_the_password_is_asked_for_twice_and_must_match(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _typed(monkeypatch, "a long enough passphrase 42", "a long enough passphrase 43")
    err = _refusal(capsys, "alice", "--role", "administrator")
    assert "The two passwords are not the same" in err
    assert prompts == ["Password: ", "Password again: "]
    assert not User.objects.filter(username="alice").exists()

    _typed(monkeypatch, "a long enough passphrase 42", "a long enough passphrase 42")
    cli.main(["create-user", "alice", "--role", "administrator"])
    assert User.objects.get(username="alice").check_password("a long enough passphrase 42")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "This password is too short"),
        ("password1234", "This password is too common"),
        ("48151623424815", "This password is entirely numeric"),
        ("margaretthatcher1", "too similar to the username"),
        ("aaaaaaaaaaaa", "too few different characters"),
    ],
    ids=["length", "common", "numeric", "similarity", "variety"],
)
def test_passwords_are_checked_by_the_validators(
    password: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _typed(monkeypatch, password, password)
    err = _refusal(capsys, "margaretthatcher", "--role", "caseworker")
    assert message in err
    assert not User.objects.filter(username="margaretthatcher").exists()
