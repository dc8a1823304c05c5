"""Actions on other people's data leave a trail: staff review, pipeline moves, contact answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.audit import entries_about, entries_for
from core.exceptions import ConflictError
from core.models import AuditEntry
from jobs import services
from jobs.models import Posting
from tests.factories import UserFactory, add_totp

from .conftest import posting_data


def _actions(obj) -> list[str]:
    return [e.action for e in reversed(entries_for(obj))]


class TestPostingReview:
    def test_submit_return_approve_and_close_are_logged_with_who_and_why(self, draft, bob, dave):
        services.posting_submit(posting=draft, by=bob)
        services.posting_return(posting=draft, by=dave, reason="급여를 적어 주세요")
        services.posting_submit(posting=draft, by=bob)
        services.posting_approve(posting=draft, by=dave)
        services.posting_close(posting=draft, by=bob)
        assert _actions(draft) == [
            "jobs.posting.submitted",
            "jobs.posting.returned",
            "jobs.posting.submitted",
            "jobs.posting.approved",
            "jobs.posting.closed",
        ]
        returned = entries_for(draft).get(action="jobs.posting.returned")
        assert returned.actor == dave
        assert returned.data == {"reason": "급여를 적어 주세요"}

    def test_closing_at_the_deadline_is_logged_as_the_system(self, posting):
        import datetime as dt

        from django.utils import timezone

        Posting.objects.filter(pk=posting.pk).update(
            deadline=timezone.localdate() - dt.timedelta(days=1)
        )
        services.close_expired_postings()
        closed = entries_for(posting).get(action="jobs.posting.closed")
        assert closed.actor is None

    def test_a_refused_approval_leaves_no_entry(self, draft, bob, bob_company, dave):
        bob_company.status = "pending"
        bob_company.save()
        services.posting_submit(posting=draft, by=bob)
        with pytest.raises(ConflictError):
            services.posting_approve(posting=draft, by=dave)
        assert _actions(draft) == ["jobs.posting.submitted"]

    def test_the_staff_review_page_shows_the_history(self, client, draft, bob, dave):
        services.posting_submit(posting=draft, by=bob)
        services.posting_return(posting=draft, by=dave, reason="주소를 적어 주세요")
        services.posting_submit(posting=draft, by=bob)
        client.force_login(dave)
        body = client.get(reverse("jobs:staff_posting", args=[draft.pk])).content.decode()
        assert "주소를 적어 주세요" in body
        assert "공고 반려" in body  # the label of jobs.posting.returned, in Korean


class TestPipeline:
    def test_a_move_is_logged_with_the_applicant_as_subject(self, client, posting, alice, bob):
        application = services.application_create(posting=posting, applicant=alice)
        services.application_set_status(application=application, status="interview", by=bob)
        services.application_set_status(application=application, status="", by=bob, note="메모")
        [entry] = entries_for(application)
        assert entry.action == "jobs.application.status_changed"
        assert entry.actor == bob
        assert entry.subject == alice
        assert entry.data == {"from": "submitted", "to": "interview"}
        assert list(entries_about(alice)) == [entry]
        client.force_login(bob)
        page = client.get(reverse("jobs:employer_application", args=[application.pk]))
        assert page.status_code == 200
        assert "audit-trail" in page.content.decode()
        assert entry.label in page.content.decode()


class TestContactRequests:
    def test_the_trainees_answer_is_logged_about_them(self, alice, bob, bob_company):
        from accounts.services import consents_record

        consents_record(user=alice, granted={"employer_discovery": True})
        services.profile_update(user=alice, data={"discoverable": True})
        request = services.contact_request_create(company=bob_company, trainee=alice, by=bob)
        services.contact_request_decide(request=request, accept=False, by=alice)
        [entry] = entries_for(request)
        assert entry.action == "jobs.contact_request.declined"
        assert entry.actor == alice and entry.subject == alice
        assert entry.data == {"company": bob_company.name}


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    client.user = user
    return client


class TestAdminGoesThroughTheServices:
    def _pending(self, bob, bob_company, **data):
        draft = services.posting_create(company=bob_company, by=bob, data=posting_data(**data))
        return services.posting_submit(posting=draft, by=bob)

    def test_the_status_cannot_be_edited_in_the_admin(self, admin_client, bob, bob_company):
        pending = self._pending(bob, bob_company)
        page = admin_client.get(f"/admin/jobs/posting/{pending.pk}/change/").content.decode()
        assert 'name="status"' not in page

    def test_the_approve_action_publishes_through_the_service(self, admin_client, bob, bob_company):
        pending = self._pending(bob, bob_company)
        admin_client.post(
            "/admin/jobs/posting/", {"action": "approve", "_selected_action": [pending.pk]}
        )
        pending.refresh_from_db()
        assert pending.status == Posting.Status.PUBLISHED
        assert pending.posting_skills.filter(is_open=False).count() == 0
        assert entries_for(pending).get(action="jobs.posting.approved").actor == admin_client.user

    def test_the_approve_action_refuses_what_the_service_refuses(
        self, admin_client, bob, bob_company
    ):
        pending = self._pending(bob, bob_company)
        bob_company.status = "pending"
        bob_company.save()
        admin_client.post(
            "/admin/jobs/posting/", {"action": "approve", "_selected_action": [pending.pk]}
        )
        pending.refresh_from_db()
        assert pending.status == Posting.Status.PENDING
        assert not AuditEntry.objects.filter(action="jobs.posting.approved").exists()

    def test_the_return_action_asks_for_the_reason(self, admin_client, bob, bob_company):
        pending = self._pending(bob, bob_company)
        form = admin_client.post(
            "/admin/jobs/posting/",
            {"action": "return_to_company", "_selected_action": [pending.pk]},
        )
        assert form.status_code == 200
        assert 'name="reason"' in form.content.decode()
        pending.refresh_from_db()
        assert pending.status == Posting.Status.PENDING
        admin_client.post(
            "/admin/jobs/posting/",
            {
                "action": "return_to_company",
                "_selected_action": [pending.pk],
                "reason": "근무 시간을 적어 주세요",
            },
        )
        pending.refresh_from_db()
        assert pending.status == Posting.Status.DRAFT
        assert pending.review_note == "근무 시간을 적어 주세요"
        assert entries_for(pending).get(action="jobs.posting.returned").data == {
            "reason": "근무 시간을 적어 주세요"
        }
