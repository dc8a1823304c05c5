"""Attendance per class meeting and completion (출석·수료 판정)."""

__all__: list[str] = []
