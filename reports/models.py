"""What outcome reports need beyond the other apps' records: exclusions and follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment
from jobs.models import Employment


class RateExclusion(models.Model):
    """A completer left out of a run's employment rate, as the 고용노동부 rules allow.

    HRD-Net's 취업률 leaves out completers who cannot take a job in the six months after
    completion: 진학 (further education), 입대 (military service), 질병·사망, 해외 이주, and
    those already in work when training began (재직자). Staff record the reason.
    """

    class Reason(models.TextChoices):
        FURTHER_EDUCATION = "further_education", _("Continuing to further education (진학)")
        MILITARY_SERVICE = "military_service", _("Military service (입대)")
        ILLNESS = "illness", _("Illness, injury or death (질병·사망)")
        EMIGRATION = "emigration", _("Moved abroad (해외 이주)")
        ALREADY_EMPLOYED = "already_employed", _("Already employed when training began (재직자)")

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="rate_exclusion"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("employment rate exclusion")
        verbose_name_plural = _("employment rate exclusions")

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.reason}"


class FollowUp(models.Model):
    """The question "are you still employed?" 6 or 12 months after an employment started."""

    class Months(models.IntegerChoices):
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the start"), choices=Months.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment follow-up")
        verbose_name_plural = _("employment follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["employment", "months"],
                name="reports_followup_once",
                violation_error_message=_("This follow-up has already been made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employment_id} +{self.months}m"


# --- summaries: the dashboard's figures pre-aggregated, kept exact by reports.summaries -----
#
# Each row is recomputed whole from the live records after every change that touches it
# (reports.signals → reports.tasks.recompute_summaries, after commit) and the whole set is
# rebuilt nightly (reports.tasks.rebuild_summaries, `manage.py rebuild_outcome_summaries`).
# tests/reports/test_summaries.py checks every figure against the live aggregates.


class RunSummary(models.Model):
    """The training and employment counts of one course run (cohort)."""

    run = models.OneToOneField(
        "courses.CourseRun", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    center = models.ForeignKey("accounts.Center", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    ends_on = models.DateField()
    enrollments = models.PositiveIntegerField(default=0)  # every row, whatever its status
    enrolled = models.PositiveIntegerField(default=0)
    dropouts = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    not_completed = models.PositiveIntegerField(default=0)
    evaluated = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)  # evaluated with an attendance rate
    # The exact sum of the evaluated attendance rates (numeric, so sum ÷ rated = AVG()).
    attendance_sum = models.DecimalField(max_digits=16, decimal_places=1, default=0)
    completers = models.PositiveIntegerField(default=0)
    employed = models.PositiveIntegerField(default=0)
    excluded = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["center", "ends_on"], name="reports_runsum_center_end")]

    def __str__(self) -> str:
        return f"run {self.run_id}"


class DayFigure(models.Model):
    """One count of one center on one (Seoul) day, or in one month: certificates,
    consultations, hiring. A month row (``day`` = the 1st) sums the month's day rows, so a
    long period reads whole months and only its partial months by day."""

    class Span(models.TextChoices):
        DAY = "day"
        MONTH = "month"

    class Metric(models.TextChoices):
        CERTIFICATES = "certificates"
        CONSULTATIONS = "consultations"  # completed bookings, by category and outcome
        APPLICATIONS = "applications"
        INTERVIEWS = "interviews"
        INTERVIEWS_HELD = "interviews_held"
        OFFERS = "offers"
        OFFERS_ACCEPTED = "offers_accepted"
        HIRES = "hires"
        HIRES_TIMED = "hires_timed"  # hires through an application; total = Σ time to hire

    center = models.ForeignKey("accounts.Center", on_delete=models.CASCADE, related_name="+")
    span = models.CharField(max_length=5, choices=Span.choices, default=Span.DAY)
    day = models.DateField()
    metric = models.CharField(max_length=20, choices=Metric.choices)
    category = models.CharField(max_length=32, blank=True, default="")
    outcome = models.CharField(max_length=32, blank=True, default="")
    n = models.PositiveIntegerField(default=0)
    total = models.DurationField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["center", "span", "day", "metric", "category", "outcome"],
                name="reports_dayfigure_once",
                violation_error_message=_(
                    "These figures are already summarised: summaries are recomputed, never added twice."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.day} {self.metric}: {self.n}"


class FairSummary(models.Model):
    """The counts of one fair."""

    fair = models.OneToOneField(
        "fairs.Fair", on_delete=models.CASCADE, primary_key=True, related_name="outcome_summary"
    )
    booths = models.PositiveIntegerField(default=0)
    registrations = models.PositiveIntegerField(default=0)
    conversations = models.PositiveIntegerField(default=0)
    interviews_booked = models.PositiveIntegerField(default=0)
    interviews_held = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"fair {self.fair_id}"


class RetentionLink(models.Model):
    """A follow-up that counts for a run: its job started within the run's employment window.

    One follow-up may count for two runs of one period; the report counts it once (DISTINCT).
    """

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey("courses.CourseRun", on_delete=models.CASCADE, related_name="+")
    center = models.ForeignKey("accounts.Center", on_delete=models.CASCADE, related_name="+")
    ends_on = models.DateField()
    start_date = models.DateField()  # the job's
    months = models.PositiveSmallIntegerField()
    sent = models.BooleanField(default=False)
    answered = models.BooleanField(default=False)
    retained = models.BooleanField(default=False)
    # The follow-up's only link in this center, from a run of at most MAX_RUN_DAYS: counted
    # through RetentionDay; the others (rare) are counted here, DISTINCT.
    simple = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "run"],
                name="reports_retention_once",
                violation_error_message=_(
                    "These figures are already summarised: summaries are recomputed, never added twice."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["center", "simple", "ends_on"], name="reports_ret_center_end")
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id} → run {self.run_id}"


class RetentionDay(models.Model):
    """The simple retention links of one center whose runs end on one day, counted."""

    center = models.ForeignKey("accounts.Center", on_delete=models.CASCADE, related_name="+")
    ends_on = models.DateField()
    months = models.PositiveSmallIntegerField()
    asked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    retained = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["center", "ends_on", "months"],
                name="reports_retentionday_once",
                violation_error_message=_(
                    "These figures are already summarised: summaries are recomputed, never added twice."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.ends_on} +{self.months}m"
