"""Edits in place that move a record to another period or center are repaired at once.

The Django admin changes an object with a plain ``save()``: a run's end date or course, an
enrollment's run, a posting's center, a certificate's or a booking's date. The summaries of
the old period or center and of the new one must both equal the live figures right after
the commit, without a rebuild (``reports.signals`` reads the stored key fields before the
save and names the old keys too).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consulting.models import Booking, ConsultationType
from courses.models import Certificate, Completion, Enrollment
from jobs.models import Application, Employment, Interview, Offer
from reports import selectors, signals
from reports.selectors.period import Period
from tests.jobs.conftest import posting, posting_data, publish, skills  # noqa: F401
from tests.reports.scenario import at, build, now_at_today

pytestmark = pytest.mark.django_db


TODAY = dt.date(2026, 11, 30)
THIS_YEAR = Period(dt.date(2026, 1, 1), TODAY)
LAST_YEAR = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
PERIODS = [
    THIS_YEAR,
    LAST_YEAR,
    Period(dt.date(2024, 1, 1), TODAY),
    Period(dt.date(2026, 4, 15), dt.date(2026, 6, 10)),  # read by day at both ends
]


def assert_summaries_equal_live(*centers) -> None:
    for center in centers:
        for period in PERIODS:
            summary = selectors.outcomes(center, period, today=TODAY)
            assert summary == selectors.live_outcomes(center, period, today=TODAY), period
            assert selectors.run_rates(center, period, today=TODAY) == selectors.live_run_rates(
                center, period, today=TODAY
            )


def figures(center, period=THIS_YEAR) -> dict:
    return selectors.outcomes(center, period, today=TODAY)


@pytest.fixture
def world(
    center, other_center, carol, bob, alice, posting,  # noqa: F811
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """The hand-counted scenario, plus alice's application, interview, offer and hire."""
    with time_machine.travel(now_at_today(), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scenario = build(center, other_center, carol)
            application = Application.objects.create(posting=posting, applicant=alice)
            Interview.objects.create(
                application=application, candidate=alice, created_by=bob,
                mode=Interview.Mode.PHONE, phone="010-0123-4567",
            )  # fmt: skip
            offer = Offer.objects.create(
                application=application, position="세공사",
                start_date=dt.date(2026, 12, 7), employment_type="full_time", salary=30_000_000,
                expires_at=now_at_today() + dt.timedelta(days=7), status=Offer.Status.ACCEPTED,
                made_by=bob,
            )  # fmt: skip
            Employment.objects.create(
                person=alice, company_name="종로보석공방", position="세공사",
                start_date=dt.date(2026, 11, 23), employment_type="full_time",
                source=Employment.Source.OFFER, posting=posting, application=application,
                offer=offer,
            )  # fmt: skip
        yield scenario


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit recomputation of what the block saved (one transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_run_moved_to_another_centers_course_and_year(world, center, other_center, commit):
    before = figures(center)
    assert before["training"]["enrolled"] == 7 and before["training"]["certificates"] == 2
    run = world.run
    with commit():
        run.course = world.other_run.course
        run.ends_on = dt.date(2025, 12, 19)
        run.starts_on = dt.date(2025, 10, 6)
        run.save()
    # the run and its certificates now count for the other center, the run in last year
    assert figures(center)["training"]["enrolled"] == 0
    assert figures(center)["training"]["certificates"] == 0
    # the seat cancelled on 25 February now left after the (new) first day: a dropout too
    assert figures(other_center, LAST_YEAR)["training"]["enrolled"] == 8
    assert figures(other_center)["training"]["certificates"] == 2
    assert_summaries_equal_live(center, other_center)


def test_an_enrollment_moved_to_another_run(world, center, other_center, commit):
    seat = Enrollment.objects.get(run=world.run, user=world.trainees[0])
    with commit():
        seat.run = world.other_run
        seat.save()
    assert figures(center)["training"]["completed"] == 4
    assert figures(other_center)["training"]["completed"] == 2
    assert_summaries_equal_live(center, other_center)


def test_a_completion_moved_to_another_enrollment(world, center, other_center, commit):
    completion = Completion.objects.get(enrollment__run=world.other_run)
    with commit():
        completion.enrollment = Enrollment.objects.get(run=world.run, user=world.trainees[6])
        completion.save()
    assert figures(other_center)["training"]["completed"] == 0
    assert_summaries_equal_live(center, other_center)


def test_a_posting_moved_to_another_center_takes_its_hiring_along(
    world, center, other_center, posting, commit  # noqa: F811
):  # fmt: skip
    jobs = figures(center)["jobs"]
    assert (jobs["applications"], jobs["interviews"], jobs["offers"], jobs["hires"]) == (1, 1, 1, 1)
    with commit():
        posting.center = other_center
        posting.save()
    jobs = figures(center)["jobs"]
    assert (jobs["applications"], jobs["interviews"], jobs["offers"], jobs["hires"]) == (0, 0, 0, 0)
    assert figures(other_center)["jobs"]["hires"] == 1
    assert_summaries_equal_live(center, other_center)


def test_an_application_moved_to_another_centers_posting(world, center, other_center, commit):
    other_posting = Application.objects.get().posting
    other_posting.pk = None
    other_posting.center = other_center
    other_posting.save()
    application = Application.objects.get()
    with commit():
        application.posting = other_posting
        application.save()
    assert figures(center)["jobs"]["interviews"] == 0
    assert figures(other_center)["jobs"]["offers"] == 1
    assert_summaries_equal_live(center, other_center)


def test_dates_edited_in_place_move_the_figures_between_periods(world, center, commit):
    with commit():
        certificate = Certificate.objects.filter(run=world.run).first()
        certificate.issued_at = at(dt.date(2025, 6, 16))
        certificate.save()
        booking = Booking.objects.get(center=center)
        booking.start = at(dt.date(2025, 3, 4), 14)
        booking.end = booking.blocked_end = booking.start + dt.timedelta(hours=1)
        booking.blocked_start = booking.start
        booking.save()
        hire = Employment.objects.get(posting__isnull=False)
        hire.start_date = dt.date(2025, 12, 1)
        hire.save()
        for model in (Interview, Offer):
            row = model.objects.get()
            row.created_at = at(dt.date(2025, 11, 30))
            row.save()
    this, last = figures(center), figures(center, LAST_YEAR)
    assert (this["training"]["certificates"], last["training"]["certificates"]) == (1, 1)
    assert this["consulting"]["consultations"] == 0 and last["consulting"]["consultations"] == 1
    assert (this["jobs"]["hires"], last["jobs"]["hires"]) == (0, 1)
    assert (this["jobs"]["offers"], last["jobs"]["offers"]) == (0, 1)
    assert_summaries_equal_live(center)


def test_a_booking_moved_to_another_center(world, center, other_center, commit):
    booking = Booking.objects.get(center=center)
    with commit():
        booking.center = other_center
        booking.save()
    assert figures(center)["consulting"]["consultations"] == 0
    assert figures(other_center)["consulting"]["consultations"] == 1
    assert_summaries_equal_live(center, other_center)


def test_a_consultation_type_given_another_category(world, center, commit):
    kind = ConsultationType.objects.get(center=center)
    assert figures(center)["consulting"]["by_category"]["startup"] == 1
    with commit():
        kind.category = ConsultationType.Category.COOPERATIVE
        kind.save()
    by_category = figures(center)["consulting"]["by_category"]
    assert (by_category["startup"], by_category["cooperative"]) == (0, 1)
    assert_summaries_equal_live(center)


def test_a_deleted_posting_no_longer_counts_its_hire(world, center, posting, commit):  # noqa: F811
    with commit():
        posting.delete()  # the hire stays, without its posting (SET_NULL, an UPDATE)
    assert Employment.objects.filter(person__email="alice@example.com").exists()
    assert figures(center)["jobs"]["hires"] == 0
    assert_summaries_equal_live(center)


def test_only_a_save_that_may_write_a_key_field_reads_the_stored_row(world):
    completion = Completion.objects.filter(enrollment__run=world.run).first()
    with CaptureQueriesContext(connection) as partial:
        completion.save(update_fields=["status", "attendance_rate"])
    with CaptureQueriesContext(connection) as full:
        completion.save()
    assert len(partial) == 1  # the UPDATE
    assert len(full) == 2  # the stored enrollment, then the UPDATE


def test_the_key_fields_are_every_field_the_keys_are_made_of():
    """The old keys are made from the stored key fields alone: ``_keys`` reads nothing else."""
    for label, fields in signals.KEY_FIELDS.items():
        model = apps.get_model(label)
        signals._keys(SimpleNamespace(pk=1, _meta=model._meta, **dict.fromkeys(fields)))
    assert set(signals.WATCHED) <= set(signals.KEY_FIELDS)
