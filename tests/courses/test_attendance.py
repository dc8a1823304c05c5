"""Attendance: bulk entry per meeting, HRD-Net weights, who may take it, exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from courses.models import Attendance, Enrollment
from courses.selectors import attendance_summaries
from courses.services import attendance_record_bulk
from tests.courses.completion_helpers import enroll, make_course, make_run, meetings
from tests.factories import make_trainee

A = Attendance.Status


@pytest.fixture
def run(center):
    return make_run(make_course(center), meetings=4)


@pytest.fixture
def alice_enrollment(run, alice):
    return enroll(run, alice)


class TestRecording:
    def test_it_records_a_whole_roster_at_once(self, run, alice_enrollment, dave):
        other = enroll(run, name="박민수")
        meeting = meetings(run)[0]

        attendance_record_bulk(
            meeting=meeting, marks={alice_enrollment.pk: A.PRESENT, other.pk: A.LATE}, by=dave
        )

        assert dict(
            Attendance.objects.filter(meeting=meeting).values_list("enrollment_id", "status")
        ) == {
            alice_enrollment.pk: "present",
            other.pk: "late",
        }

    def test_it_updates_a_mark(self, run, alice_enrollment, dave):
        meeting = meetings(run)[0]
        attendance_record_bulk(meeting=meeting, marks={alice_enrollment.pk: A.ABSENT}, by=dave)
        attendance_record_bulk(meeting=meeting, marks={alice_enrollment.pk: A.EARLY_LEAVE}, by=dave)

        assert Attendance.objects.get(meeting=meeting).status == "early_leave"

    def test_it_refuses_someone_not_enrolled_and_saves_nothing(
        self, run, alice_enrollment, dave, center
    ):
        elsewhere = enroll(make_run(make_course(center, title="보석감정 실무")))
        meeting = meetings(run)[0]

        with pytest.raises(ValidationError):
            attendance_record_bulk(
                meeting=meeting,
                marks={alice_enrollment.pk: A.PRESENT, elsewhere.pk: A.PRESENT},
                by=dave,
            )

        assert not Attendance.objects.exists()

    @pytest.mark.parametrize("status", [Enrollment.Status.WAITLISTED, Enrollment.Status.CANCELLED])
    def test_it_refuses_people_without_a_confirmed_place(self, run, dave, status):
        enrollment = enroll(run, status=status)
        with pytest.raises(ValidationError):
            attendance_record_bulk(
                meeting=meetings(run)[0], marks={enrollment.pk: A.PRESENT}, by=dave
            )
        assert not Attendance.objects.exists()

    def test_it_refuses_an_unknown_mark(self, run, alice_enrollment, dave):
        with pytest.raises(ValidationError):
            attendance_record_bulk(
                meeting=meetings(run)[0], marks={alice_enrollment.pk: "sleeping"}, by=dave
            )

    def test_it_refuses_meetings_on_a_later_day(self, center, alice, dave):
        run = make_run(make_course(center), days_ago_ended=-5, meetings=1, future_meetings=3)
        enrollment = enroll(run, alice)
        with pytest.raises(ValidationError):
            attendance_record_bulk(
                meeting=meetings(run)[-1], marks={enrollment.pk: A.PRESENT}, by=dave
            )


class TestRate:
    def test_it_counts_late_and_early_leave_as_half(self, run, alice_enrollment, dave):
        for meeting, status in zip(
            meetings(run), [A.PRESENT, A.LATE, A.EARLY_LEAVE, A.ABSENT], strict=True
        ):
            attendance_record_bulk(meeting=meeting, marks={alice_enrollment.pk: status}, by=dave)

        (summary,) = attendance_summaries(run)

        assert (summary.present, summary.late, summary.early_leave, summary.absent) == (1, 1, 1, 1)
        assert summary.rate == Decimal("50.0")  # (1 + 0.5 × 2) / 4
        assert summary.hours == Decimal("8.0")  # 4 h meetings: 4 + 2 + 2 + 0

    def test_a_held_meeting_with_nothing_recorded_counts_as_absent(
        self, run, alice_enrollment, dave
    ):
        for meeting in meetings(run)[:3]:
            attendance_record_bulk(meeting=meeting, marks={alice_enrollment.pk: A.PRESENT}, by=dave)

        (summary,) = attendance_summaries(run)

        assert summary.absent == 1
        assert summary.rate == Decimal("75.0")

    def test_only_meetings_held_so_far_count(self, center, alice, dave):
        run = make_run(make_course(center), days_ago_ended=-3, meetings=2, future_meetings=3)
        enrollment = enroll(run, alice)
        for meeting in meetings(run)[:2]:
            attendance_record_bulk(meeting=meeting, marks={enrollment.pk: A.PRESENT}, by=dave)

        # Pinned to the end of today's meeting: at 07:00 Seoul time it has not started yet.
        (summary,) = attendance_summaries(run, now=meetings(run)[1].ends_at)

        assert summary.held == 2
        assert summary.rate == Decimal("100.0")


class TestAttendanceSheet:
    def test_staff_see_a_radio_row_per_trainee(self, client, run, alice_enrollment, dave):
        client.force_login(dave)
        response = client.get(f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/")

        assert response.status_code == 200
        body = response.content.decode()
        assert "김앨리스" in body
        assert body.count(f'name="status-{alice_enrollment.pk}"') == 4

    def test_it_saves_the_whole_sheet(self, client, run, alice_enrollment, dave):
        other = enroll(run)
        meeting = meetings(run)[0]
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/meetings/{meeting.pk}/attendance/",
            {
                f"status-{alice_enrollment.pk}": "present",
                f"status-{other.pk}": "absent",
                f"note-{other.pk}": "병결",
            },
        )

        assert response.status_code == 302
        assert Attendance.objects.get(enrollment=other).note == "병결"
        assert Attendance.objects.filter(meeting=meeting).count() == 2

    def test_one_click_marks_everyone_else_present(self, client, run, alice_enrollment, dave):
        late = enroll(run, name="이지각")
        meeting = meetings(run)[0]
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/meetings/{meeting.pk}/attendance/",
            {f"status-{late.pk}": "late", "rest_present": "1"},
        )

        assert response.status_code == 302
        assert dict(
            Attendance.objects.filter(meeting=meeting).values_list("enrollment_id", "status")
        ) == {
            alice_enrollment.pk: "present",
            late.pk: "late",
        }

    def test_it_answers_400_for_someone_not_enrolled(
        self, client, run, alice_enrollment, dave, center
    ):
        stranger = enroll(make_run(make_course(center, title="다른 과정")))
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/",
            {f"status-{alice_enrollment.pk}": "present", f"status-{stranger.pk}": "present"},
        )

        assert response.status_code == 400
        assert (
            "이 기수에 수강이 확정된 교육생만 출결을 기록할 수 있습니다 "
            f"(확인되지 않은 번호: {stranger.pk})" in response.content.decode()
        )
        assert not Attendance.objects.exists()

    def test_htmx_saves_one_row_and_returns_it(self, client, run, alice_enrollment, dave):
        meeting = meetings(run)[0]
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/meetings/{meeting.pk}/attendance/{alice_enrollment.pk}/",
            {f"status-{alice_enrollment.pk}": "late"},
            HTTP_HX_REQUEST="true",
        )

        assert response.status_code == 200
        assert f'id="attendance-row-{alice_enrollment.pk}"' in response.content.decode()
        assert Attendance.objects.get(meeting=meeting).status == "late"

    def test_htmx_row_for_a_stranger_is_400(self, client, run, dave):
        stranger = enroll(make_run(make_course(run.course.center, title="다른 과정")))
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/{stranger.pk}/",
            {f"status-{stranger.pk}": "present"},
        )

        assert response.status_code == 400
        assert not Attendance.objects.exists()

    def test_an_instructor_may_take_attendance(self, client, run, alice_enrollment):
        teacher = make_trainee(name="강사님")
        run.course.instructors.add(teacher)
        client.force_login(teacher)

        response = client.post(
            f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/",
            {f"status-{alice_enrollment.pk}": "present"},
        )

        assert response.status_code == 302
        assert Attendance.objects.count() == 1

    @pytest.mark.parametrize("persona", ["alice", "charlie", "carol"])
    def test_others_get_404(self, client, run, alice_enrollment, persona, request):
        client.force_login(request.getfixturevalue(persona))
        url = f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/"

        assert client.get(url).status_code == 404
        assert client.post(url, {f"status-{alice_enrollment.pk}": "present"}).status_code == 404
        assert client.get(f"/courses/staff/runs/{run.pk}/attendance/").status_code == 404
        assert client.get(f"/courses/staff/runs/{run.pk}/roster.csv").status_code == 404
        assert not Attendance.objects.exists()

    def test_staff_of_another_center_get_404(self, client, run, other_center):
        from tests.factories import add_totp, make_center_member

        erin = make_center_member(other_center, "staff", name="한에린")
        add_totp(erin)
        client.force_login(erin)

        assert (
            client.get(f"/courses/staff/meetings/{meetings(run)[0].pk}/attendance/").status_code
            == 404
        )

    def test_the_run_page_shows_rates(self, client, run, alice_enrollment, dave):
        attendance_record_bulk(
            meeting=meetings(run)[0], marks={alice_enrollment.pk: "present"}, by=dave
        )
        client.force_login(dave)

        response = client.get(f"/courses/staff/runs/{run.pk}/attendance/")

        assert response.status_code == 200
        assert "25.0%" in response.content.decode()


class TestExports:
    def test_roster_csv_has_a_bom_and_korean(self, client, run, alice_enrollment, dave):
        client.force_login(dave)
        response = client.get(f"/courses/staff/runs/{run.pk}/roster.csv")

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1][1] == "김앨리스"

    def test_attendance_excel_opens_with_marks(self, client, run, alice_enrollment, dave):
        attendance_record_bulk(
            meeting=meetings(run)[0], marks={alice_enrollment.pk: "late"}, by=dave
        )
        client.force_login(dave)

        response = client.get(f"/courses/staff/runs/{run.pk}/attendance.xlsx")

        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for c in sheet[2]]
        assert values[0] == "김앨리스"
        assert 12.5 in values  # (0.5) / 4 meetings

    def test_csv_cells_cannot_smuggle_formulas(self, client, run, dave):
        enroll(run, name="=HYPERLINK(1)")
        client.force_login(dave)

        body = client.get(f"/courses/staff/runs/{run.pk}/roster.csv").content.decode("utf-8-sig")

        assert "'=HYPERLINK(1)" in body

    def test_unknown_format_is_404(self, client, run, dave):
        client.force_login(dave)
        assert client.get(f"/courses/staff/runs/{run.pk}/roster.pdf").status_code == 404
