"""The user: one role each; authority officers are bound to one authority, board members to one board."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac

from bestvalue.accounts.roles import Role
from bestvalue.core.modelling import one_of, optional_link


def _bound(name: str, role: Role, field: str) -> models.CheckConstraint:
    """Users in `role` have `field` set; nobody else has."""
    has = Q(**{f"{field}__isnull": False})
    lacks = Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        name=name, condition=(Q(role=role) & has) | (~Q(role=role) & lacks)
    )


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    authority = optional_link(
        "authorities.Authority",
        related_name="officers",
        help_text="Required for authority officers: the one authority whose records they keep.",
    )
    board = optional_link(
        "improvement.ImprovementBoard",
        related_name="members",
        help_text="Required for board members: the one board or panel they sit on.",
    )

    # Moved on by "sign out of every device": part of the session hash, so every session made
    # before it stops being valid.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            one_of("user_role_valid", "role", Role),
            # An authority officer has exactly one authority, a board member exactly one board;
            # nobody else has either.
            _bound("user_authority_iff_officer", Role.AUTHORITY_OFFICER, "authority"),
            _bound("user_board_iff_member", Role.BOARD_MEMBER, "board"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session hash (from the password), salted with session_epoch once it has
        moved, so that signing out of every device ends every session."""
        base = super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        if not self.session_epoch:
            return str(base)
        return salted_hmac(
            "bestvalue.accounts.User.session_epoch",
            f"{base}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def can_use_admin(self) -> bool:
        from bestvalue.accounts.permissions import can_use_admin

        return can_use_admin(self)

    # The Django admin asks these; administrators may manage everything it shows.
    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.can_use_admin or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.can_use_admin or super().has_module_perms(app_label)


class ApiToken(models.Model):
    """A personal token for the API's write endpoints. Only a SHA-256 digest of the secret is
    kept: the secret is shown once, when the token is made, and cannot be read back."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, to tell it apart.")
    prefix = models.CharField(
        max_length=12, help_text="The first characters of the secret, to recognise it by."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="api_token_digest_hex", condition=Q(digest__regex=r"^[0-9a-f]{64}$")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
