"""Each trainee's stored recommendations (``services.feed`` keeps them equal to the live ranking)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .postings import Posting


class Recommendation(models.Model):
    """One of a trainee's best open postings, kept so that reading the feed is an index lookup.

    Each trainee with a list keeps the best ``jobs.services.feed.FEED_SIZE`` postings by the live
    matching score (``score`` rounded to 1e-6, ties by newer posting first), maintained by
    ``jobs.services.feed`` whenever the trainee's skills or preferences or a posting change.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations"
    )
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "posting"],
                name="jobs_recommendation_once",
                violation_error_message=_("This posting is already in the list."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-score", "-posting"], name="jobs_recommendation_rank"),
            models.Index(fields=["posting"], name="jobs_recommendation_posting"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.posting_id} ({self.score:.1f})"


class RecommendationState(models.Model):
    """Whether a trainee's ``Recommendation`` rows can be served, and whether they are all there is.

    ``is_stale``: their skills or preferences changed and the list awaits recomputation (reads
    compute live meanwhile). ``is_complete``: the list holds every open posting sharing one of
    their skills, so a short list is the whole answer rather than a truncated one.
    ``last_score``, ``last_posting_id``: the list's last row (both null for an empty list), kept
    exact by every writer in ``jobs.services.feed``, so that "does this posting beat the list's
    last row" is a column comparison when one posting is applied to every list.
    The row is also the lock that serializes maintenance of one trainee's list.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recommendation_state",
    )
    is_stale = models.BooleanField(default=False)
    is_complete = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(default=timezone.now)
    last_score = models.FloatField(null=True, blank=True)
    # A plain integer, not a foreign key: deleting a posting must not touch this row (the
    # list's rows cascade, which can only move the real last row up; see services.feed).
    last_posting_id = models.IntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} (stale={self.is_stale}, complete={self.is_complete})"
