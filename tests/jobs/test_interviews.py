"""Interviews inside an application: proposing, picking, changing, closing, reminding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from icalendar import Calendar

from consulting.models import Booking
from core.audit import entries_for
from core.exceptions import ConflictError
from core.scheduling import busy_elsewhere
from jobs import services
from jobs.models import Application, ApplicationEvent, Interview
from jobs.services.interviews import CandidateBusy, TimeTaken
from tests.factories import make_employer, make_trainee
from tests.jobs.conftest import posting_data, publish
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import NOW, kst, pick, propose

# The services read the clock too (is an interview still ahead?): run at the fixtures' NOW,
# or on 2026-12-24 the interviews two days after it would already be over.
pytestmark = pytest.mark.time_machine(NOW)

DAY = NOW.date() + dt.timedelta(days=2)
T14, T16 = kst(DAY, 14), kst(DAY, 16)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a service and deliver the email it queued for after the commit."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _ics(message) -> Calendar:
    name, content, mimetype = message.attachments[0]
    assert name == "interview.ics" and mimetype == "text/calendar"
    return Calendar.from_ical(content)


class TestPropose:
    def test_it_proposes_times_and_moves_the_application_to_interview(
        self, application, bob, on_commit
    ):
        interview = on_commit(propose, application, bob, T14, T16, now=NOW)
        application.refresh_from_db()
        assert application.status == "interview"
        assert interview.status == "proposed" and interview.interviewer == bob
        assert [s.start for s in interview.slots.all()] == [T14, T16]
        assert [s.end - s.start for s in interview.slots.all()] == [dt.timedelta(hours=1)] * 2
        assert [m.to for m in mail.outbox if "면접" in m.subject] == [["alice@example.com"]]
        kinds = list(application.events.values_list("kind", flat=True))
        assert kinds == ["status", "interview_proposed", "status"]
        assert entries_for(interview).get().action == "jobs.interview.proposed"

    def test_a_video_interview_gets_a_room_link_from_the_template(self, application, bob, settings):
        settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/{token}"
        interview = propose(application, bob, T14, now=NOW, mode="video")
        assert interview.video_url == f"https://meet.example.org/{interview.room_token}"
        assert len(interview.room_token) == 20 and interview.address == ""

    @pytest.mark.parametrize(
        "times,field",
        [
            ([kst(NOW.date(), 8)], "times"),  # an hour before NOW
            ([], "times"),
            ([kst(DAY, h) for h in (9, 10, 11, 12, 13, 14)], "times"),
            ([NOW + dt.timedelta(days=200)], "times"),
        ],
        ids=["past", "none", "six", "too-far"],
    )
    def test_it_refuses_bad_times_and_changes_nothing(self, application, bob, times, field):
        with pytest.raises(ValidationError) as caught:
            propose(application, bob, *times, now=NOW)
        assert field in caught.value.message_dict
        application.refresh_from_db()
        assert application.status == "submitted" and not Interview.objects.exists()

    def test_in_person_needs_an_address(self, application, bob):
        with pytest.raises(ValidationError) as caught:
            propose(application, bob, T14, now=NOW, address="")
        assert "address" in caught.value.message_dict

    def test_the_interviewer_must_belong_to_the_company(self, application, bob, charlie):
        with pytest.raises(ValidationError) as caught:
            propose(application, bob, T14, now=NOW, interviewer=charlie)
        assert "interviewer" in caught.value.message_dict

    def test_one_open_interview_per_application(self, application, bob):
        propose(application, bob, T14, now=NOW)
        with pytest.raises(ConflictError):
            propose(application, bob, T16, now=NOW)
        assert Interview.objects.count() == 1

    def test_a_time_the_interviewer_already_holds_is_refused(self, application, bob, posting):
        other = services.application_create(posting=posting, applicant=make_trainee())
        pick(propose(other, bob, T14, now=NOW), other.applicant, T14, now=NOW)
        with pytest.raises(ConflictError):
            propose(application, bob, kst(DAY, 14, 30), now=NOW)


class TestPick:
    def test_picking_confirms_and_emails_both_sides_an_ics(
        self, application, bob, alice, on_commit
    ):
        interview = propose(application, bob, T14, T16, now=NOW)
        mail.outbox.clear()
        interview = on_commit(pick, interview, alice, T16, now=NOW)
        assert interview.status == "confirmed"
        assert (interview.start, interview.end) == (T16, T16 + dt.timedelta(hours=1))
        assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]
        for message in mail.outbox:
            calendar = _ics(message)
            assert calendar["method"] == "REQUEST"
            event = calendar.walk("VEVENT")[0]
            assert event.decoded("dtstart") == T16
            assert str(event["location"]) == "서울 종로구 돈화문로 11 3층"
            assert str(event["uid"]).startswith(f"interview-{interview.pk}@")
        step = application.events.get(kind="interview_confirmed")
        assert step.detail["start"] == T16.isoformat() and step.actor == alice

    def test_a_time_that_was_not_proposed_is_refused(self, application, bob, alice, posting):
        interview = propose(application, bob, T14, now=NOW)
        elsewhere = propose(
            services.application_create(posting=posting, applicant=make_trainee()),
            bob,
            T16,
            now=NOW,
        )
        with pytest.raises(ValidationError) as caught:
            services.interview_pick(
                interview=interview, by=alice, slot_id=elsewhere.slots.get().pk, now=NOW
            )
        assert "slot" in caught.value.message_dict
        interview.refresh_from_db()
        assert interview.status == "proposed" and interview.start is None

    def test_a_time_that_has_passed_is_refused(self, application, bob, alice):
        interview = propose(application, bob, T14, now=NOW)
        with pytest.raises(ValidationError):
            pick(interview, alice, T14, now=T14 + dt.timedelta(minutes=1))
        assert Interview.objects.get().status == "proposed"

    def test_a_time_the_interviewer_gave_someone_else_is_taken(
        self, application, bob, alice, posting
    ):
        erin = make_trainee(email="erin@example.com")
        other = services.application_create(posting=posting, applicant=erin)
        # Both are proposed before either picks: 14:00 to erin, 14:30 to alice.
        theirs = propose(other, bob, T14, now=NOW)
        mine = propose(application, bob, kst(DAY, 14, 30), now=NOW)
        pick(theirs, erin, T14, now=NOW)
        with pytest.raises(TimeTaken) as caught:
            pick(mine, alice, kst(DAY, 14, 30), now=NOW)
        assert type(caught.value) is TimeTaken  # the interviewer's time, not the candidate's
        mine.refresh_from_db()
        assert mine.status == "proposed" and mine.start is None

    def test_the_candidate_cannot_hold_two_interviews_at_once(
        self, application, bob, alice, charlie, dave
    ):
        company = charlie.company_memberships.get().company
        other_posting = publish(
            services.posting_create(company=company, by=charlie, data=posting_data(), skills=[]),
            dave,
        )
        other = services.application_create(posting=other_posting, applicant=alice)
        bobs = propose(application, bob, T14, now=NOW)
        charlies = propose(other, charlie, kst(DAY, 14, 30), now=NOW)
        pick(bobs, alice, T14, now=NOW)
        with pytest.raises(CandidateBusy):
            pick(charlies, alice, kst(DAY, 14, 30), now=NOW)
        assert Interview.objects.filter(status="confirmed").count() == 1

    def test_a_confirmed_consultation_blocks_the_time_and_the_reverse(
        self, application, bob, alice, carol, center
    ):
        from consulting.models import ConsultationType

        type_ = ConsultationType.objects.create(
            center=center, name="취업 상담", name_en="Employment", duration_minutes=60
        )
        Booking.objects.create(
            center=center,
            type=type_,
            counselor=carol,
            person=alice,
            status="confirmed",
            start=T14,
            end=T14 + dt.timedelta(hours=1),
            blocked_start=T14,
            blocked_end=T14 + dt.timedelta(hours=1),
        )
        interview = propose(application, bob, kst(DAY, 14, 30), kst(DAY, 16), now=NOW)
        with translation.override("en"), pytest.raises(CandidateBusy, match="consultation"):
            pick(interview, alice, kst(DAY, 14, 30), now=NOW)
        assert Interview.objects.get().status == "proposed"
        # The reverse: with the interview at 16:00 confirmed, no consultation then.
        pick(interview, alice, kst(DAY, 16), now=NOW)
        assert interview_at_message(alice.pk, kst(DAY, 16, 30), kst(DAY, 17))


class TestChanges:
    @pytest.fixture
    def confirmed(self, application, bob, alice):
        return pick(propose(application, bob, T14, T16, now=NOW), alice, T14, now=NOW)

    def test_the_candidate_asks_for_other_times_with_a_note(
        self, application, bob, alice, on_commit
    ):
        interview = propose(application, bob, T14, now=NOW)
        mail.outbox.clear()
        interview = on_commit(
            services.interview_request_times,
            interview=interview,
            by=alice,
            note="평일 오후 3시 이후 가능합니다",
            now=NOW,
        )
        assert interview.status == "other_times"
        assert [m.to for m in mail.outbox] == [["bob@example.com"]]
        assert "평일 오후 3시 이후" in mail.outbox[0].body
        # The employer proposes again; the candidate picks a new time.
        new = kst(DAY, 15, 30)
        services.interview_propose_times(interview=interview, by=bob, times=[new], now=NOW)
        assert pick(Interview.objects.get(), alice, new, now=NOW).status == "confirmed"

    def test_asking_for_other_times_needs_a_note(self, application, bob, alice):
        interview = propose(application, bob, T14, now=NOW)
        with pytest.raises(ValidationError):
            services.interview_request_times(interview=interview, by=alice, note=" ", now=NOW)

    def test_the_employer_reschedules_with_a_reason_and_the_calendar_entry_is_cancelled(
        self, confirmed, bob, on_commit
    ):
        with pytest.raises(ValidationError):
            services.interview_propose_times(interview=confirmed, by=bob, times=[T16], now=NOW)
        mail.outbox.clear()
        interview = on_commit(
            services.interview_propose_times,
            interview=confirmed,
            by=bob,
            times=[T16, kst(DAY, 17)],
            reason="면접관 일정 변경",
            now=NOW,
        )
        assert interview.status == "proposed" and interview.sequence == confirmed.sequence + 1
        assert {m.to[0] for m in mail.outbox} == {"alice@example.com", "bob@example.com"}
        assert all(_ics(m)["method"] == "CANCEL" for m in mail.outbox)
        step = interview.application.events.get(kind="interview_rescheduled")
        assert step.detail["reason"] == "면접관 일정 변경"
        assert step.detail["start"] == T14.isoformat()

    def test_the_candidate_reschedules_by_asking_for_other_times(self, confirmed, alice):
        interview = services.interview_request_times(
            interview=confirmed, by=alice, note="병원 예약이 생겼습니다", now=NOW
        )
        assert interview.status == "other_times"
        assert confirmed.application.events.filter(kind="interview_rescheduled").count() == 1

    @pytest.mark.parametrize("who", ["alice", "bob"])
    def test_either_side_cancels_with_a_reason_and_the_time_is_freed(
        self, confirmed, who, request, on_commit
    ):
        by = request.getfixturevalue(who)
        with pytest.raises(ValidationError):
            services.interview_cancel(interview=confirmed, by=by, reason="", now=NOW)
        mail.outbox.clear()
        interview = on_commit(
            services.interview_cancel, interview=confirmed, by=by, reason="사정상 취소", now=NOW
        )
        assert interview.status == "cancelled" and interview.status_reason == "사정상 취소"
        assert all(_ics(m)["method"] == "CANCEL" for m in mail.outbox) and len(mail.outbox) == 2
        assert bool(entries_for(interview).filter(action="jobs.interview.cancelled")) == (
            who == "bob"
        )
        # The time is free again: a new round at the same time can be confirmed.
        again = propose(confirmed.application, request.getfixturevalue("bob"), T14, now=NOW)
        assert pick(again, confirmed.candidate, T14, now=NOW).status == "confirmed"

    def test_no_show_and_held_only_after_the_start(self, confirmed, bob, alice):
        with pytest.raises(ConflictError):
            services.interview_mark_no_show(interview=confirmed, by=bob, now=NOW)
        with pytest.raises(ValidationError):
            services.interview_mark_no_show(
                interview=confirmed, by=alice, now=T14 + dt.timedelta(minutes=5)
            )
        interview = services.interview_mark_no_show(
            interview=confirmed, by=bob, now=T14 + dt.timedelta(minutes=20)
        )
        assert interview.status == "no_show"
        assert entries_for(interview).filter(action="jobs.interview.no_show").exists()
        assert interview.application.events.filter(kind="interview_no_show").exists()

    def test_withdrawing_the_application_cancels_its_interview(self, confirmed, alice):
        services.application_withdraw(application=confirmed.application, by=alice)
        assert Interview.objects.get().status == "cancelled"

    def test_turning_the_candidate_down_cancels_the_interview(self, confirmed, bob):
        services.application_set_status(
            application=confirmed.application, status="rejected", by=bob
        )
        assert Interview.objects.get().status == "cancelled"


class TestReminders:
    def test_each_reminder_is_sent_once_to_both_sides(self, application, bob, alice, on_commit):
        interview = pick(propose(application, bob, T14, now=NOW), alice, T14, now=NOW)
        mail.outbox.clear()
        day_before = T14 - dt.timedelta(hours=23)
        assert on_commit(services.send_interview_reminders, now=day_before) == 1
        assert on_commit(services.send_interview_reminders, now=day_before) == 0
        assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]
        hour_before = T14 - dt.timedelta(minutes=50)
        assert on_commit(services.send_interview_reminders, now=hour_before) == 1
        assert on_commit(services.send_interview_reminders, now=hour_before) == 0
        interview.refresh_from_db()
        assert interview.reminder_24h_sent_at and interview.reminder_1h_sent_at
        assert len(mail.outbox) == 4

    def test_the_beat_task_is_the_same_idempotent_call(self, application, bob, alice):
        from jobs.tasks import send_interview_reminders

        pick(propose(application, bob, T14, now=NOW), alice, T14, now=NOW)
        assert send_interview_reminders() == 0  # the wall clock is days before the time here

    def test_a_proposed_or_cancelled_interview_is_not_reminded(self, application, bob):
        propose(application, bob, T14, now=NOW)
        assert services.send_interview_reminders(now=T14 - dt.timedelta(hours=2)) == 0


def test_the_timeline_keeps_each_step(application, bob, alice):
    interview = pick(propose(application, bob, T14, T16, now=NOW), alice, T16, now=NOW)
    services.interview_cancel(interview=interview, by=bob, reason="내부 사정", now=NOW)
    steps = list(
        ApplicationEvent.objects.filter(application=application).values_list("kind", flat=True)
    )
    assert steps == [
        "status",
        "interview_proposed",
        "status",
        "interview_confirmed",
        "interview_cancelled",
    ]
    assert Application.objects.get().status == "interview"


def test_another_company_member_can_interview(application, bob, bob_company):
    colleague = make_employer(company=bob_company, role="recruiter", name="한동료")
    interview = propose(application, bob, T14, now=NOW, interviewer=colleague)
    assert interview.interviewer == colleague


def interview_at_message(person_id, start, end):
    """What consulting's booking hears from the busy registry (it skips its own table)."""
    return busy_elsewhere(person_id, start, end, skip="consulting")
