"""The database backend's index: one narrow row per indexed object, its text, and its
autocomplete keys.

``SearchEntry`` holds only what matching, filtering, facet counting and sorting read, so a
search over tens of thousands of matches touches few pages; on PostgreSQL it also carries
``term_ids`` and ``title_ids`` (integer ids of its analyzed terms in ``search_term``, the first
GIN-indexed) that migration 0004 adds.
``SearchText`` holds what is shown (title, snippet source, display fields) and the analyzed
terms; on SQLite an FTS5 table over those terms (also migration 0002) does the matching.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FACET_SLOTS = 6  # single-valued facets per kind (f1…f6)
MULTI_SLOTS = 6  # values of the one multi-valued facet per object (m1…m6)


class SearchEntry(models.Model):
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    # Single-valued facets, encoded as integers by the kind's index (search.registry).
    f1 = models.IntegerField(null=True)
    f2 = models.IntegerField(null=True)
    f3 = models.IntegerField(null=True)
    f4 = models.IntegerField(null=True)
    f5 = models.IntegerField(null=True)
    f6 = models.IntegerField(null=True)
    # Up to six values of the kind's multi-valued facet (skills, months).
    m1 = models.IntegerField(null=True)
    m2 = models.IntegerField(null=True)
    m3 = models.IntegerField(null=True)
    m4 = models.IntegerField(null=True)
    m5 = models.IntegerField(null=True)
    m6 = models.IntegerField(null=True)
    published_at = models.DateTimeField()
    deadline = models.DateField(null=True)
    # Hidden from searches from this day on (a posting past its deadline), without a write.
    expires_on = models.DateField(null=True)
    salary = models.BigIntegerField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_entry"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="search_entry_once",
                violation_error_message=_("This item is already in the search index."),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "-published_at", "-id"], name="search_entry_newest"),
            models.Index(fields=["kind", "deadline", "id"], name="search_entry_deadline"),
            models.Index(fields=["kind", "-salary", "-id"], name="search_entry_salary"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchText(models.Model):
    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        db_table = "search_text"

    def __str__(self) -> str:
        return self.title


class SearchSuggestion(models.Model):
    """One autocomplete key of an entry: the jamo or 초성 spelling of a title from one of its words."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="suggestions")
    # copies of the entry's, so a suggestion is read from this table alone
    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    url = models.CharField(max_length=300)
    expires_on = models.DateField(null=True)
    published_at = models.DateTimeField()
    key = models.CharField(max_length=200)
    text = models.CharField(max_length=300)

    class Meta:
        db_table = "search_suggestion"
        indexes = [models.Index(fields=["entry"], name="search_suggestion_entry")]

    def __str__(self) -> str:
        return f"{self.key} → {self.text}"
