"""Messages between a company and a candidate: who may read a thread, read receipts, the
batched email, attachments checked like résumés, abuse reports and the API."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.services import consents_record
from core.audit import entries_for
from core.exceptions import ConflictError
from jobs import services
from jobs.models import ContactRequest, Message, Thread, ThreadParticipant
from jobs.selectors import messages as message_selectors
from tests.factories import make_employer, make_trainee
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import SEOUL

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
T0 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=SEOUL)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a service and deliver the email it queued for after the commit."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def thread(application):
    return services.thread_for_application(application=application)


def send(thread, user, body="", **kwargs):
    side = "candidate" if user.pk == thread.candidate_id else "company"
    return services.message_send(thread=thread, by=user, side=side, body=body, **kwargs)


def pdf(name="포트폴리오.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def thread_url(thread):
    return f"/jobs/messages/{thread.pk}/"


class TestAccess:
    def test_it_opens_one_thread_per_application_for_both_sides(
        self, client, application, alice, bob
    ):
        client.force_login(alice)
        response = client.get(f"/jobs/applications/{application.pk}/messages/")
        thread = Thread.objects.get()
        assert response.url == thread_url(thread)
        client.force_login(bob)
        assert client.get(f"/jobs/applications/{application.pk}/messages/").url == thread_url(
            thread
        )
        assert Thread.objects.count() == 1
        assert thread.center == application.posting.center is not None

    def test_it_shows_the_thread_to_the_candidate_and_the_company_only(
        self, client, thread, alice, bob, charlie, dave, erin
    ):
        send(thread, bob, "면접 일정 문의드립니다")
        colleague = make_employer(company=thread.company, role="recruiter", email="c@example.com")
        for person in (alice, bob, colleague):
            client.force_login(person)
            response = client.get(thread_url(thread))
            assert response.status_code == 200
            assert "면접 일정 문의드립니다" in response.content.decode()
        other_trainee = make_trainee(email="other@example.com")
        for person in (charlie, other_trainee, dave, erin):  # another company, trainee, staff
            client.force_login(person)
            assert client.get(thread_url(thread)).status_code == 404
            assert client.post(thread_url(thread), {"body": "끼어들기"}).status_code == 404
        assert Message.objects.count() == 1

    def test_another_company_cannot_open_the_thread_of_an_application(
        self, client, application, charlie
    ):
        client.force_login(charlie)
        assert client.get(f"/jobs/applications/{application.pk}/messages/").status_code == 404
        assert not Thread.objects.exists()

    def test_the_company_never_sees_the_candidates_address_in_the_thread(
        self, client, thread, alice, bob
    ):
        alice.phone = "010-1234-5678"
        alice.save()
        send(thread, alice, "안녕하세요")
        client.force_login(bob)
        page = client.get(thread_url(thread)).content.decode()
        assert alice.name in page
        assert alice.email not in page and alice.phone not in page


class TestContactRequestThreads:
    @pytest.fixture
    def request_(self, bob_company, bob, alice):
        consents_record(user=alice, granted={EMPLOYER_DISCOVERY: True})
        return services.contact_request_create(company=bob_company, trainee=alice, by=bob)

    def test_there_is_no_thread_before_the_candidate_accepts(self, client, request_, alice, bob):
        for person in (alice, bob):
            client.force_login(person)
            assert client.get(f"/jobs/contact-requests/{request_.pk}/messages/").status_code == 404
        with pytest.raises(ConflictError):
            services.thread_for_contact_request(contact_request=request_)
        assert not Thread.objects.exists()

    def test_after_accepting_both_sides_write_and_withdrawing_consent_closes_the_company_side(
        self, client, request_, alice, bob
    ):
        services.contact_request_decide(request=request_, accept=True, by=alice)
        client.force_login(bob)
        response = client.get(f"/jobs/contact-requests/{request_.pk}/messages/")
        thread = Thread.objects.get(contact_request=request_)
        assert response.url == thread_url(thread)
        assert client.post(thread_url(thread), {"body": "연락 감사합니다"}).status_code == 302

        consents_record(user=alice, granted={EMPLOYER_DISCOVERY: False})
        assert client.get(thread_url(thread)).status_code == 404
        client.force_login(alice)
        assert "연락 감사합니다" in client.get(thread_url(thread)).content.decode()

    def test_a_declined_request_has_no_thread(self, client, request_, alice):
        services.contact_request_decide(request=request_, accept=False, by=alice)
        client.force_login(alice)
        assert client.get(f"/jobs/contact-requests/{request_.pk}/messages/").status_code == 404
        request_.refresh_from_db()
        assert request_.status == ContactRequest.Status.DECLINED
        assert not Thread.objects.exists()


class TestReadReceipts:
    def test_the_sender_sees_when_the_other_side_has_read(self, client, thread, alice, bob):
        with time_machine.travel(T0, tick=False):
            send(thread, bob, "서류 합격을 축하드립니다")
            client.force_login(bob)
            assert "아직 읽지 않음" in client.get(thread_url(thread)).content.decode()
            assert message_selectors.unread_thread_count(alice) == 1
            assert "1" in client.get("/jobs/messages/").content.decode()

        with time_machine.travel(T0 + dt.timedelta(minutes=3), tick=False):
            client.force_login(alice)
            dashboard = client.get(reverse("dashboard"), follow=True).content.decode()
            assert '<span class="nav-count" aria-hidden="true">1</span>' in dashboard
            client.get(thread_url(thread))  # reading marks it read
            assert message_selectors.unread_thread_count(alice) == 0
            client.force_login(bob)
            page = client.get(thread_url(thread)).content.decode()
            assert "읽음" in page and "아직 읽지 않음" not in page

    def test_a_message_after_the_reading_is_unread_again(self, thread, alice, bob):
        with time_machine.travel(T0, tick=False):
            send(thread, bob, "첫 번째")
            services.thread_mark_read(thread=thread, user=alice, side="candidate")
        with time_machine.travel(T0 + dt.timedelta(minutes=1), tick=False):
            send(thread, bob, "두 번째")
        assert message_selectors.unread_counts(alice) == {thread.pk: 1}
        # Bob's own messages never count as unread for bob.
        assert message_selectors.unread_thread_count(bob) == 0


class TestBatchedEmail:
    def _to(self, person):
        return [m for m in mail.outbox if m.to == [person.email]]

    def test_two_messages_in_ten_minutes_make_one_email_and_after_an_hour_another(
        self, thread, alice, bob, on_commit
    ):
        with time_machine.travel(T0, tick=False):
            on_commit(send, thread, bob, "안녕하세요")
        assert len(self._to(alice)) == 1
        with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
            on_commit(send, thread, bob, "면접 장소는 3층입니다")
            on_commit(services.send_due_thread_notifications)
        assert len(self._to(alice)) == 1
        with time_machine.travel(T0 + dt.timedelta(minutes=59), tick=False):
            on_commit(services.send_due_thread_notifications)
        assert len(self._to(alice)) == 1
        with time_machine.travel(T0 + dt.timedelta(minutes=60), tick=False):
            on_commit(services.send_due_thread_notifications)
            on_commit(services.send_due_thread_notifications)  # a second sweep sends nothing
        emails = self._to(alice)
        assert len(emails) == 2
        assert "2" in emails[1].body  # both unread messages are counted

    def test_no_second_email_when_the_candidate_read_meanwhile(self, thread, alice, bob, on_commit):
        with time_machine.travel(T0, tick=False):
            on_commit(send, thread, bob, "안녕하세요")
        with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
            on_commit(send, thread, bob, "확인 부탁드립니다")
        with time_machine.travel(T0 + dt.timedelta(minutes=20), tick=False):
            services.thread_mark_read(thread=thread, user=alice, side="candidate")
        with time_machine.travel(T0 + dt.timedelta(hours=2), tick=False):
            on_commit(services.send_due_thread_notifications)
        assert len(self._to(alice)) == 1
        assert ThreadParticipant.objects.get(user=alice).notify_due_at is None

    def test_a_task_delivered_twice_sends_once(self, thread, alice, bob, on_commit):
        with time_machine.travel(T0, tick=False):
            on_commit(send, thread, bob, "안녕하세요")
            participant = ThreadParticipant.objects.get(user=alice)
            assert on_commit(services.thread_notify, participant_id=participant.pk) is False
        assert len(self._to(alice)) == 1

    def test_every_member_of_the_company_is_told_and_the_email_holds_no_text_or_address(
        self, thread, alice, bob, on_commit
    ):
        colleague = make_employer(company=thread.company, role="recruiter", email="c@example.com")
        alice.phone = "010-1234-5678"
        alice.save()
        with time_machine.travel(T0, tick=False):
            on_commit(send, thread, alice, "제 연락처는 비밀입니다")
        emails = [m for m in mail.outbox if "메시지" in m.subject]
        assert sorted(m.to[0] for m in emails) == sorted([bob.email, colleague.email])
        for email in emails:
            assert alice.name in email.subject
            assert "제 연락처는 비밀입니다" not in email.body
            assert alice.email not in email.body + email.subject
            assert alice.phone not in email.body
            assert not email.reply_to

    def test_the_email_is_in_the_recipients_language(self, thread, alice, bob, on_commit):
        alice.language = "en"
        alice.save()
        with time_machine.travel(T0, tick=False):
            on_commit(send, thread, bob, "안녕하세요")
        (email,) = self._to(alice)
        assert "New message from" in email.subject and thread.company.name in email.subject


class TestAttachments:
    def test_a_pdf_is_stored_privately_and_served_to_the_thread_only(
        self, client, thread, alice, bob, charlie
    ):
        client.force_login(alice)
        response = client.post(thread_url(thread), {"body": "", "attachment": pdf()})
        assert response.status_code == 302
        message = Message.objects.get()
        assert message.attachment_name == "포트폴리오.pdf"
        assert message.attachment.storage is not None and "messages/" in message.attachment.name
        url = f"/jobs/messages/{thread.pk}/files/{message.pk}/"
        client.force_login(bob)
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert download["X-Content-Type-Options"] == "nosniff"
        client.force_login(charlie)
        assert client.get(url).status_code == 404

    def test_a_pdf_that_is_not_a_pdf_is_refused_and_nothing_is_stored(self, client, thread, alice):
        client.force_login(alice)
        fake = pdf(content=b"MZ\x90\x00 this is a program, not a PDF")
        response = client.post(thread_url(thread), {"body": "이력서입니다", "attachment": fake})
        assert response.status_code == 400
        assert "PDF" in response.content.decode()
        assert not Message.objects.exists()
        with pytest.raises(ValidationError):
            send(thread, alice, "이력서", attachment=pdf(content=b"<html>not a pdf</html>"))
        assert not Message.objects.exists()

    def test_an_empty_message_and_a_too_long_one_are_refused_not_cut(self, client, thread, alice):
        client.force_login(alice)
        assert client.post(thread_url(thread), {"body": "  "}).status_code == 400
        assert client.post(thread_url(thread), {"body": "가" * 5001}).status_code == 400
        assert not Message.objects.exists()

    def test_htmx_sends_without_a_reload_and_shows_errors_in_place(self, client, thread, alice):
        client.force_login(alice)
        response = client.post(
            thread_url(thread), {"body": "htmx로 보냅니다"}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "htmx로 보냅니다" in body and "<html" not in body and 'id="thread"' in body
        refused = client.post(thread_url(thread), {"body": ""}, HTTP_HX_REQUEST="true")
        assert refused.status_code == 400 and 'id="thread"' in refused.content.decode()


class TestAbuseReports:
    def test_staff_of_the_center_read_a_thread_only_once_it_is_reported(
        self, client, thread, alice, bob, dave, erin
    ):
        send(thread, bob, "부적절한 메시지")
        client.force_login(dave)
        assert client.get(f"/jobs/staff/messages/{thread.pk}/").status_code == 404
        assert thread.company.name not in client.get("/jobs/staff/messages/").content.decode()

        client.force_login(alice)
        response = client.post(f"/jobs/messages/{thread.pk}/report/", {"reason": "반복되는 폭언"})
        assert response.status_code == 302
        report = entries_for(thread).get()
        assert report.action == "jobs.thread.reported" and report.actor == alice
        again = client.post(f"/jobs/messages/{thread.pk}/report/", {"reason": "또"})
        assert again.status_code == 409

        client.force_login(dave)
        assert thread.company.name in client.get("/jobs/staff/messages/").content.decode()
        page = client.get(f"/jobs/staff/messages/{thread.pk}/").content.decode()
        assert "부적절한 메시지" in page and "반복되는 폭언" in page
        actions = [e.action for e in entries_for(thread)]
        assert "jobs.thread.opened_by_staff" in actions
        message = Message.objects.get()
        assert client.get(f"/jobs/messages/{thread.pk}/").status_code == 404  # no writing

        client.force_login(erin)  # another center's staff
        assert client.get(f"/jobs/staff/messages/{thread.pk}/").status_code == 404
        assert thread.company.name not in client.get("/jobs/staff/messages/").content.decode()
        assert message.pk

    def test_a_report_needs_a_reason(self, client, thread, bob):
        client.force_login(bob)
        assert client.post(f"/jobs/messages/{thread.pk}/report/", {"reason": ""}).status_code == 400
        thread.refresh_from_db()
        assert thread.reported_at is None


class TestApi:
    def test_list_read_post_and_mark_read(self, client, thread, alice, bob):
        send(thread, bob, "API 테스트")
        client.force_login(alice)
        listing = client.get("/api/v1/threads/").json()
        assert [(t["id"], t["unread"], t["side"]) for t in listing["results"]] == [
            (thread.pk, 1, "candidate")
        ]
        detail = client.get(f"/api/v1/threads/{thread.pk}/").json()
        assert [m["body"] for m in detail["messages"]] == ["API 테스트"]
        assert "email" not in str(detail["candidate"])

        posted = client.post(
            f"/api/v1/threads/{thread.pk}/messages/", {"body": "첨부합니다", "attachment": pdf()}
        )
        assert posted.status_code == 201
        mine = posted.json()["messages"][-1]
        assert mine["attachment"]["name"] == "포트폴리오.pdf"
        assert mine["read_by_other_side"] is False
        assert client.get(mine["attachment"]["url"]).status_code == 200

        client.force_login(bob)
        assert client.post(f"/api/v1/threads/{thread.pk}/read/").status_code == 200
        client.force_login(alice)
        detail = client.get(f"/api/v1/threads/{thread.pk}/").json()
        assert detail["messages"][-1]["read_by_other_side"] is True

    def test_errors_use_the_one_format_and_other_companies_get_404(
        self, client, thread, alice, charlie
    ):
        client.force_login(alice)
        refused = client.post(
            f"/api/v1/threads/{thread.pk}/messages/",
            {"body": "가짜", "attachment": pdf(content=b"GIF89a not a pdf")},
        )
        assert refused.status_code == 400
        assert set(refused.json()["errors"]) == {"attachment"} and refused.json()["detail"]
        assert not Message.objects.exists()
        client.force_login(charlie)
        assert client.get(f"/api/v1/threads/{thread.pk}/").status_code == 404
        assert (
            client.post(f"/api/v1/threads/{thread.pk}/messages/", {"body": "x"}).status_code == 404
        )

    def test_an_application_thread_and_a_report_through_the_api(self, client, application, bob):
        client.force_login(bob)
        opened = client.post(f"/api/v1/applications/{application.pk}/thread/")
        assert opened.status_code == 200
        pk = opened.json()["id"]
        reported = client.post(
            f"/api/v1/threads/{pk}/report/", {"reason": "욕설"}, content_type="application/json"
        )
        assert reported.status_code == 201 and reported.json()["reported"] is True
        again = client.post(
            f"/api/v1/threads/{pk}/report/", {"reason": "욕설"}, content_type="application/json"
        )
        assert again.status_code == 409


class TestPersonalData:
    def test_the_download_holds_the_conversations_and_erasing_deletes_them(
        self, thread, alice, bob, django_capture_on_commit_callbacks
    ):
        from jobs.privacy import erase_person, export_person

        send(thread, bob, "안녕하세요")
        send(thread, alice, "자료입니다", attachment=pdf())
        exported = export_person(alice)["message_threads"]
        assert [m["text"] for m in exported[0]["messages"]] == ["안녕하세요", "자료입니다"]
        stored = Message.objects.exclude(attachment="").get().attachment
        storage, name = stored.storage, stored.name
        with django_capture_on_commit_callbacks(execute=True):
            erase_person(alice)
        assert not Thread.objects.exists() and not Message.objects.exists()
        assert not storage.exists(name)


def test_staff_reading_a_reported_thread_is_logged_once_a_day(client, thread, alice, dave):
    services.thread_report(thread=thread, by=alice, side="candidate", reason="폭언")
    with time_machine.travel(T0, tick=False):
        client.force_login(dave)  # signed in on that day, not on the pinned clock's
        client.get(f"/jobs/staff/messages/{thread.pk}/")
        client.get(f"/jobs/staff/messages/{thread.pk}/")
    with time_machine.travel(T0 + dt.timedelta(days=1), tick=False):
        client.get(f"/jobs/staff/messages/{thread.pk}/")
    opened = entries_for(thread).filter(action="jobs.thread.opened_by_staff")
    assert opened.count() == 2
    assert {e.subject for e in opened} == {alice}
