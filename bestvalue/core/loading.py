"""What a loader of reference data or of the public record reports: the records it added and
updated, by their identifiers, and how many it left unchanged. One shape for every loader
(authorities, notices, interventions), so the command line reports them alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)
