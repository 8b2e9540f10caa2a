"""The user: one role each; authority officers are bound to one authority, board members to one board."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from bestvalue.accounts.roles import Role


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        help_text="Required for authority officers: the one authority whose records they keep.",
    )
    board = models.ForeignKey(
        "improvement.ImprovementBoard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="Required for board members: the one board or panel they sit on.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_role_valid",
                condition=Q(role__in=Role.values),
            ),
            # An authority officer has exactly one authority; nobody else has one.
            models.CheckConstraint(
                name="user_authority_iff_officer",
                condition=(Q(role=Role.AUTHORITY_OFFICER) & Q(authority__isnull=False))
                | (~Q(role=Role.AUTHORITY_OFFICER) & Q(authority__isnull=True)),
            ),
            # A board member has exactly one board; nobody else has one.
            models.CheckConstraint(
                name="user_board_iff_member",
                condition=(Q(role=Role.BOARD_MEMBER) & Q(board__isnull=False))
                | (~Q(role=Role.BOARD_MEMBER) & Q(board__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def can_use_admin(self) -> bool:
        from bestvalue.accounts.permissions import can_use_admin

        return can_use_admin(self)

    # The Django admin asks these; administrators may manage everything it shows.
    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.can_use_admin or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.can_use_admin or super().has_module_perms(app_label)
