"""Reads of improvement boards."""

from __future__ import annotations

from bestvalue.improvement.models import ImprovementBoard


def board_by_id(board_id: int) -> ImprovementBoard | None:
    return ImprovementBoard.objects.select_related("authority").filter(pk=board_id).first()
