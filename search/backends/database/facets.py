"""Facet filters as SQL conditions, and facet counts as the ``Facet`` values callers show.

Each facet is counted under every active filter but its own, so a person sees how many results
choosing another value would give.
"""

from __future__ import annotations

from typing import Any

from ...models import MULTI_SLOTS
from ...registry import IndexSpec
from ..base import Facet, FacetValue
from .common import FACET_VALUES_SHOWN


class Conditions:
    """One SQL condition (over the matches' alias ``m``) per active facet filter."""

    def __init__(self, spec: IndexSpec, filters: dict[str, list[str]]):
        self.by_name: dict[str, tuple[str, list[Any]]] = {}
        for name, values in filters.items():
            facet = spec.facet(name)
            if facet is None:
                continue
            numbers = sorted({n for n in (facet.encode(v) for v in values) if n is not None})
            if not numbers:
                self.by_name[name] = ("1 = 0", [])
                continue
            placeholders = ", ".join(["%s"] * len(numbers))
            if facet.multiple:
                sql = " OR ".join(f"m.m{i} IN ({placeholders})" for i in range(1, MULTI_SLOTS + 1))
                self.by_name[name] = (f"({sql})", numbers * MULTI_SLOTS)
            else:
                self.by_name[name] = (f"m.{facet.slot} IN ({placeholders})", numbers)

    def __iter__(self):
        return iter(self.by_name)

    def all_but(self, excluded: str | None) -> tuple[str, list[Any]]:
        """Every active condition except ``excluded``'s (None: all of them), ANDed."""
        parts = [(sql, p) for name, (sql, p) in self.by_name.items() if name != excluded]
        if not parts:
            return "1 = 1", []
        return " AND ".join(sql for sql, _ in parts), [x for _, p in parts for x in p]


def group_columns(spec: IndexSpec) -> list[str]:
    """The slot columns facets are counted over (f1…, then m1…m6 for the multi-valued one)."""
    columns = [f.slot for f in spec.facets if not f.multiple]
    if any(f.multiple for f in spec.facets):
        columns += [f"m{i}" for i in range(1, MULTI_SLOTS + 1)]
    return columns


def facet_for_column(spec: IndexSpec, column: str):
    if column.startswith("m"):
        return next(f for f in spec.facets if f.multiple)
    return next(f for f in spec.facets if f.slot == column)


def build_facets(spec: IndexSpec, counts: dict[str, dict[int, int]], request) -> list[Facet]:
    facets = []
    for facet in spec.facets:
        selected = set(request.filters.get(facet.name, []))
        values = {facet.decode(number): count for number, count in counts[facet.name].items()}
        values = {value: count for value, count in values.items() if value and count > 0}
        facets.append(shown_facet(facet, values, selected))
    return facets


def shown_facet(facet, values: dict[str, int], selected: set[str]) -> Facet:
    """The values shown for a facet: the largest counts (or in value order), and the selected."""
    shown = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    if facet.order == "value":
        shown = sorted(values.items())
    keep = [value for value, _ in shown[:FACET_VALUES_SHOWN]]
    keep += [value for value in selected if value not in keep and facet.encode(value) is not None]
    labels = facet.label_for(keep)
    return Facet(
        name=facet.name,
        label=str(facet.label),
        values=[
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=values.get(value, 0),
                selected=value in selected,
            )
            for value in keep
        ],
    )
