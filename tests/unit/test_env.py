"""The typed environment readers reject values they cannot use."""

from __future__ import annotations

import pytest

from bestvalue.core.env import ConfigurationError, env_bool, env_int, env_list, env_str


def test_env_bool_reads_the_usual_spellings() -> None:
    assert env_bool("X", False, environ={"X": "yes"}) is True
    assert env_bool("X", True, environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_rejects_anything_else() -> None:
    with pytest.raises(
        ConfigurationError, match="X: must be true or false, not 'maybe'; set true or false"
    ):
        env_bool("X", False, environ={"X": "maybe"})


def test_env_int_rejects_words_and_values_below_the_minimum() -> None:
    assert env_int("N", 5, environ={"N": "7"}) == 7
    with pytest.raises(ConfigurationError, match="whole number"):
        env_int("N", 5, environ={"N": "seven"})
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})


def test_env_str_without_a_default_is_required() -> None:
    with pytest.raises(
        ConfigurationError, match="SECRET_KEY: not set; set the environment variable SECRET_KEY"
    ):
        env_str("SECRET_KEY", environ={})


def test_env_list_splits_on_commas() -> None:
    assert env_list("H", [], environ={"H": "a.example, b.example,"}) == ["a.example", "b.example"]
