"""Certificates of completion (수료증) and their public verification."""

__all__: list[str] = []
