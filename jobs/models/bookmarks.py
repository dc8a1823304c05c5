"""A trainee's bookmarked postings (관심 공고), re-exported by ``jobs.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bookmark(models.Model):
    """A posting a trainee keeps an eye on; one reminder email two days before its deadline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_bookmarks"
    )
    posting = models.ForeignKey("jobs.Posting", on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)
    # Claimed by a conditional UPDATE before the reminder is sent, so it leaves once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bookmarked posting")
        verbose_name_plural = _("bookmarked postings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "posting"],
                name="jobs_bookmark_once_per_posting",
                violation_error_message=_("You already bookmarked this posting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.posting_id}"
