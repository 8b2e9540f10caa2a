"""A password validator beside Django's own (AUTH_PASSWORD_VALIDATORS in settings)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class CharacterVarietyValidator:
    """Refuse passwords made of very few different characters ("aaaaaaaaaaaa", "abababababab"),
    which pass the length check but are among the first an attacker tries."""

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                f"This password uses too few different characters: use at least "
                f"{self.min_distinct}.",
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return f"Your password must use at least {self.min_distinct} different characters."
