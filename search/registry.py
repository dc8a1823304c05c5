"""What to index, learned from the apps.

An app that wants its objects searchable ships ``<app>/search_indexes.py`` with a list
``SEARCH_INDEXES`` of plain classes (the app never imports ``search``). ``SearchConfig.ready()``
imports those modules (``autodiscover``) and registers each class here, wrapped in ``IndexSpec``,
which checks it and assigns its facets to the index's storage slots.

An index class has:

- ``kind``: the ``type`` in URLs and the API ("jobs", "courses", "companies", "booths");
  ``label``: its name for people; ``model``: the model's label ("jobs.Posting").
- ``queryset()``: every object that belongs in the index (published, open, verified…).
  Anything else leaves it.
- ``document(obj) -> dict`` with ``title``, ``body``, ``url``, ``published_at`` and optionally
  ``deadline``, ``expires_on``, ``salary``, ``facets`` ({name: value or [values]}),
  ``data`` (display fields, JSON) and ``suggest`` (texts offered by autocomplete; the title
  if absent).
- ``facets``: a list of {``name``, ``label``, and ``choices`` [(value, label)] or
  ``labels(values) -> {value: label}`` for integer values, ``multiple``: True for the one
  facet with several values per object, ``order``: "count" (default) or "value"}.
- ``sorts``: the sorts it offers among relevance, newest, deadline, salary.
- ``watch`` (optional): {model label: function(instance) -> ids of indexed objects to refresh},
  for related rows whose change alters a document (a company's verification, a run's dates).
- ``prefetch(queryset)`` (optional): the queryset with what ``document`` reads prefetched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

from core.http import parse_id

from .models import FACET_SLOTS, MULTI_SLOTS

SORTS = ("relevance", "newest", "deadline", "salary")


@dataclass
class FacetSpec:
    name: str
    label: Any
    slot: str  # "f1"… or "m" for the multi-valued facet
    choices: list[tuple[str, Any]] = field(default_factory=list)
    labels: Callable[[list[int]], dict[int, Any]] | None = None
    multiple: bool = False
    order: str = "count"

    def encode(self, value: Any) -> int | None:
        """The integer stored for a value, or None for one this facet does not know."""
        if value is None or value == "":
            return None
        if self.choices:
            for position, (choice, _label) in enumerate(self.choices, start=1):
                if str(choice) == str(value):
                    return position
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
        return number if -(2**31) <= number < 2**31 else None

    def decode(self, number: int) -> str:
        if self.choices:
            return str(self.choices[number - 1][0]) if 0 < number <= len(self.choices) else ""
        return str(number)

    def label_for(self, values: list[str]) -> dict[str, str]:
        if self.choices:
            return {str(value): str(label) for value, label in self.choices}
        if self.labels is None:
            return {value: value for value in values}
        found = self.labels([n for v in values if (n := parse_id(v)) is not None])
        return {str(key): str(label) for key, label in found.items()}


class IndexSpec:
    """A registered index: the app's class, checked, with its facets placed in slots."""

    def __init__(self, index: Any):
        self.index = index
        for attribute in ("kind", "label", "model", "queryset", "document"):
            if not hasattr(index, attribute):
                raise ImproperlyConfigured(f"{index!r} has no {attribute}")
        self.kind: str = index.kind
        self.label = index.label
        self.model = apps.get_model(index.model) if isinstance(index.model, str) else index.model
        self.sorts = [s for s in getattr(index, "sorts", ["relevance", "newest"]) if s in SORTS]
        self.facets: list[FacetSpec] = []
        single = 0
        multi = 0
        for definition in getattr(index, "facets", []):
            multiple = bool(definition.get("multiple"))
            if multiple:
                multi += 1
                slot = "m"
            else:
                single += 1
                slot = f"f{single}"
            self.facets.append(
                FacetSpec(
                    name=definition["name"],
                    label=definition["label"],
                    slot=slot,
                    choices=list(definition.get("choices") or []),
                    labels=definition.get("labels"),
                    multiple=multiple,
                    order=definition.get("order", "count"),
                )
            )
        if single > FACET_SLOTS or multi > 1:
            raise ImproperlyConfigured(
                f"{self.kind}: at most {FACET_SLOTS} single-valued facets and one multi-valued"
            )
        self.watch: dict[str, Callable[[Any], Iterable[int]]] = dict(getattr(index, "watch", {}))

    def facet(self, name: str) -> FacetSpec | None:
        return next((f for f in self.facets if f.name == name), None)

    def queryset(self):
        return self.index.queryset()

    def prefetch(self, queryset):
        prefetch = getattr(self.index, "prefetch", None)
        return prefetch(queryset) if prefetch else queryset

    def document(self, obj) -> dict:
        return self.index.document(obj)

    def slots(self, facet_values: dict[str, Any]) -> dict[str, int | None]:
        """The slot columns (f1…f6, m1…m6) for a document's facet values."""
        row: dict[str, int | None] = {f"f{i}": None for i in range(1, FACET_SLOTS + 1)}
        row.update({f"m{i}": None for i in range(1, MULTI_SLOTS + 1)})
        for facet in self.facets:
            value = facet_values.get(facet.name)
            if facet.multiple:
                values = value if isinstance(value, (list, tuple)) else [value]
                encoded = []
                for item in values:
                    number = facet.encode(item)
                    if number is not None and number not in encoded:
                        encoded.append(number)
                for position, number in enumerate(encoded[:MULTI_SLOTS], start=1):
                    row[f"m{position}"] = number
            else:
                row[facet.slot] = facet.encode(value)
        return row


_registry: dict[str, IndexSpec] = {}


def register(index: Any) -> IndexSpec:
    spec = IndexSpec(index)
    _registry[spec.kind] = spec
    return spec


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def get(kind: str) -> IndexSpec | None:
    return _registry.get(kind)


def all_indexes() -> list[IndexSpec]:
    return list(_registry.values())


def for_model(model) -> IndexSpec | None:
    return next((spec for spec in _registry.values() if spec.model is model), None)


def autodiscover() -> None:
    """Import every installed app's ``search_indexes`` and register its ``SEARCH_INDEXES``."""
    autodiscover_modules("search_indexes")
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.search_indexes")
        for index_class in getattr(module, "SEARCH_INDEXES", []):
            register(index_class())
