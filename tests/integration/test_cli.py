"""The bestvalue command line."""

from __future__ import annotations

import pytest

from bestvalue import cli


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # A management command run from the command line closes every connection when it ends; in a
    # test that would close the connection holding the test's transaction.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: bestvalue COMMAND")
    for name in cli.COMMANDS:
        assert f"  {name} " in out


def test_an_unknown_command_is_refused_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["frobnicate"])
    assert excinfo.value.code == 2
    assert "unknown command 'frobnicate'" in capsys.readouterr().err


def test_every_command_maps_to_a_real_management_command() -> None:
    from django.core.management import get_commands

    available = get_commands()
    for name, (django_name, _) in cli.COMMANDS.items():
        if name != "manage":
            assert django_name in available, name


@pytest.mark.django_db
def test_setup_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["setup"])
    cli.main(["setup"])
    out = capsys.readouterr().out
    assert "Authorities: 0 added, 0 updated, 383 unchanged." in out


@pytest.mark.django_db
def test_create_user_makes_an_authority_officer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bestvalue.accounts.models import User
    from tests.factories import make_authority

    authority = make_authority()
    monkeypatch.setenv("BESTVALUE_PASSWORD", "a long enough passphrase 42")
    cli.main(
        [
            "create-user",
            "officer1",
            "--role",
            "authority_officer",
            "--authority",
            authority.gss_code,
        ]
    )
    assert User.objects.get(username="officer1").authority == authority
    assert "Created officer1 (Authority officer)." in capsys.readouterr().out


@pytest.mark.django_db
def test_create_user_refuses_an_officer_without_an_authority(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bestvalue.accounts.models import User

    monkeypatch.setenv("BESTVALUE_PASSWORD", "a long enough passphrase 42")
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["create-user", "officer2", "--role", "authority_officer"])
    assert excinfo.value.code == 1
    assert "An authority officer needs an authority" in capsys.readouterr().err
    assert not User.objects.filter(username="officer2").exists()
