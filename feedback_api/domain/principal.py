"""Who is calling: an authenticated staff token, reduced to what access checks need."""

from __future__ import annotations

from dataclasses import dataclass, field

from feedback_api.domain.enums import TokenRole


@dataclass(frozen=True)
class Principal:
    name: str
    role: TokenRole
    experiment_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role is TokenRole.ADMIN

    @property
    def is_staff(self) -> bool:
        """Admin ⊇ staff: both read everything."""
        return self.role in (TokenRole.ADMIN, TokenRole.STAFF)

    def can_read(self, experiment_id: int) -> bool:
        return self.is_staff or experiment_id in self.experiment_ids
