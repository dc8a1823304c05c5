"""Completion (수료 판정): assessment scores, and deciding who completed a finished run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action

from ..models import Completion, CourseRun
from ..selectors import (
    AttendanceSummary,
    attendance_summaries,
    completion_scores,
    evaluation_pending_key,
    meetings_held,
    roster,
)
from ..tasks import evaluate_run_completion
from .certificates import certificate_issue

# How long the staff page shows an evaluation as pending if the task never reports back.
EVALUATION_PENDING_SECONDS = 600


@transaction.atomic
def completion_set_scores(*, run: CourseRun, scores: Mapping[int, int | None], by) -> int:
    """Enter assessment scores (0–100) for confirmed enrollments of a run, all or nothing.

    Each score that changes is recorded in the audit log as ``by``'s.
    """
    enrollment_ids = set(roster(run).values_list("pk", flat=True))
    cleaned: dict[int, int | None] = {}
    for enrollment_id, score in scores.items():
        if int(enrollment_id) not in enrollment_ids:
            raise ValidationError(
                _("Only trainees with a confirmed place in this run can be scored.")
            )
        if score is not None and not (isinstance(score, int) and 0 <= score <= 100):
            raise ValidationError(_("A score is a whole number from 0 to 100."))
        cleaned[int(enrollment_id)] = score
    existing = {
        c.enrollment_id: c
        for c in Completion.objects.filter(enrollment_id__in=cleaned).select_related(
            "enrollment__user", "enrollment__run__course"
        )
    }
    for enrollment_id, score in cleaned.items():
        completion = existing.get(enrollment_id)
        before = completion.score if completion is not None else None
        completion, _created = Completion.objects.update_or_create(
            enrollment_id=enrollment_id, defaults={"score": score}
        )
        if score != before:
            log_action(
                by, "courses.completion.score_changed", completion, {"from": before, "to": score}
            )
    return len(cleaned)


@dataclass(frozen=True)
class RunEvaluation:
    evaluated: int
    completed: int
    certificates_issued: int


def _passes(course, summary: AttendanceSummary, score: int | None) -> bool:
    rate = summary.rate
    if rate is None or rate < course.completion_min_attendance:
        return False
    if course.pass_mark is not None:
        return score is not None and score >= course.pass_mark
    return True


def _check_can_evaluate(run: CourseRun, *, today: dt.date, held: int | None) -> None:
    """Refuse a run that cannot be evaluated; ``held`` is the number of meetings held (None: no roster)."""
    if run.status == CourseRun.Status.CANCELLED:
        raise ValidationError(_("This run was cancelled; there is nothing to evaluate."))
    if run.ends_on > today:
        raise ValidationError(_("Completion is evaluated once the run has ended."))
    if held == 0:
        raise ValidationError(
            _("No class meetings have been held in this run, so attendance cannot be evaluated.")
        )


def completion_evaluate_run(
    *, run_id: int, by=None, now: dt.datetime | None = None
) -> RunEvaluation:
    """Decide completion for everyone on a finished run and issue certificates to completers.

    Locks the run row for the whole evaluation, so the nightly task and a staff member
    pressing the button never issue twice. Idempotent: decisions are recomputed, existing
    certificates are kept (revoking one is a separate, deliberate act). PDFs and skill
    verification emails follow after commit. A decision that changes is recorded in the
    audit log as ``by``'s (the system's when the nightly task decides).
    """
    now = now or timezone.now()
    with transaction.atomic():
        run = (
            CourseRun.objects.select_for_update(of=("self",))
            .select_related("course__center")
            .get(pk=run_id)
        )
        summaries = attendance_summaries(run, now=now)
        _check_can_evaluate(
            run, today=timezone.localdate(now), held=summaries[0].held if summaries else None
        )
        scores = completion_scores(run)
        completed = issued = 0
        for summary in summaries:
            summary.enrollment.run = run  # the locked row, with its course and center loaded
            completion, _created = Completion.objects.get_or_create(enrollment=summary.enrollment)
            score = scores.get(summary.enrollment.pk)
            passed = _passes(run.course, summary, score)
            decided = Completion.Status.COMPLETED if passed else Completion.Status.NOT_COMPLETED
            changed = completion.status != decided
            completion.status = decided
            completion.attendance_rate = summary.rate
            completion.hours_attended = summary.hours
            completion.evaluated_at = now
            completion.save(
                update_fields=[
                    "status",
                    "attendance_rate",
                    "hours_attended",
                    "evaluated_at",
                    "updated_at",
                ]
            )
            if changed:
                completion.enrollment = summary.enrollment
                log_action(
                    by,
                    f"courses.completion.{decided.value}",
                    completion,
                    {"attendance_rate": summary.rate, "score": score},
                )
            if passed:
                completed += 1
                _certificate, created = certificate_issue(
                    enrollment=summary.enrollment, completion=completion, by=by, now=now
                )
                issued += int(created)
        if run.status != CourseRun.Status.COMPLETED:
            run.status = CourseRun.Status.COMPLETED
            run.save(update_fields=["status", "updated_at"])
    return RunEvaluation(evaluated=len(summaries), completed=completed, certificates_issued=issued)


def completion_request_evaluation(*, run: CourseRun, by) -> None:
    """Queue the evaluation of a finished run (and its certificates) for ``by``, staff of its center.

    Checks now what would make the task refuse, so staff hear it at once; the staff page
    shows the evaluation as pending until the task finishes.
    """
    _check_can_evaluate(run, today=timezone.localdate(), held=len(meetings_held(run)))
    cache.set(evaluation_pending_key(run.pk), True, timeout=EVALUATION_PENDING_SECONDS)
    evaluate_run_completion.delay_on_commit(run.pk, by.pk)
