"""Search. The search app is being built: add a row for each route it adds, e.g.

row("search:index", GET=everyone()),
row("api_search", GET=everyone()),
"""

from __future__ import annotations

RULES: list = []
