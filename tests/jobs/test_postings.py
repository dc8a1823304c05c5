import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobs import services
from jobs.models import Posting, PostingSkill

from .conftest import posting_data


class TestPostingWorkflow:
    def test_it_goes_from_draft_through_review_to_published(
        self, bob, bob_company, dave, skills, django_capture_on_commit_callbacks
    ):
        posting = services.posting_create(
            company=bob_company,
            by=bob,
            data=posting_data(),
            skills=[{"skill": skills["Wax carving"].pk, "min_level": 3}],
        )
        assert posting.status == Posting.Status.DRAFT
        services.posting_submit(posting=posting, by=bob)
        posting.refresh_from_db()
        assert posting.status == Posting.Status.PENDING
        with django_capture_on_commit_callbacks(execute=True):
            services.posting_approve(posting=posting, by=dave)
        posting.refresh_from_db()
        assert posting.status == Posting.Status.PUBLISHED
        assert posting.published_at is not None
        assert PostingSkill.objects.get(posting=posting).is_open is True
        assert any("귀금속 세공사" in m.body for m in mail.outbox)

    def test_it_returns_with_a_reason(self, draft, bob, dave):
        services.posting_submit(posting=draft, by=bob)
        with pytest.raises(ValidationError):
            services.posting_return(posting=draft, by=dave, reason=" ")
        services.posting_return(posting=draft, by=dave, reason="급여를 적어 주세요")
        draft.refresh_from_db()
        assert draft.status == Posting.Status.DRAFT
        assert draft.review_note == "급여를 적어 주세요"

    def test_it_refuses_to_publish_for_an_unverified_company(self, draft, bob, bob_company, dave):
        bob_company.status = "pending"
        bob_company.save()
        services.posting_submit(posting=draft, by=bob)
        with pytest.raises(ValidationError):
            services.posting_approve(posting=draft, by=dave)
        draft.refresh_from_db()
        assert draft.status == Posting.Status.PENDING

    def test_it_rejects_salary_min_above_max(self, bob, bob_company):
        with pytest.raises(ValidationError) as exc:
            services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(salary_min=50_000_000, salary_max=30_000_000),
            )
        assert "salary_min" in exc.value.message_dict
        assert not Posting.objects.exists()

    def test_it_rejects_a_deadline_in_the_past(self, bob, bob_company):
        with pytest.raises(ValidationError) as exc:
            services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(deadline=timezone.localdate() - dt.timedelta(days=1)),
            )
        assert "deadline" in exc.value.message_dict

    def test_it_rejects_unknown_skills(self, bob, bob_company):
        with pytest.raises(ValidationError):
            services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(),
                skills=[{"skill": 999999, "min_level": 2}],
            )
        assert not Posting.objects.exists()

    def test_it_edits_only_drafts(self, posting):
        with pytest.raises(ValidationError):
            services.posting_update(posting=posting, data={"title": "x"})

    def test_it_copies_a_posting_as_a_draft_with_its_skills(self, posting, bob):
        copy = services.posting_copy(posting=posting, by=bob)
        assert copy.status == Posting.Status.DRAFT
        assert copy.copied_from == posting
        assert copy.posting_skills.count() == 3
        assert not PostingSkill.objects.filter(posting=copy, is_open=True).exists()

    def test_it_closes_postings_past_their_deadline(self, posting):
        Posting.objects.filter(pk=posting.pk).update(
            deadline=timezone.localdate() - dt.timedelta(days=1)
        )
        assert services.close_expired_postings() == 1
        posting.refresh_from_db()
        assert posting.status == Posting.Status.CLOSED
        assert not PostingSkill.objects.filter(posting=posting, is_open=True).exists()
        assert services.close_expired_postings() == 0

    def test_it_asks_once_whether_a_quiet_posting_is_still_hiring(
        self, posting, django_capture_on_commit_callbacks
    ):
        Posting.objects.filter(pk=posting.pk).update(
            last_activity_at=timezone.now() - dt.timedelta(days=15)
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_still_hiring_reminders() == 1
        assert len(mail.outbox) == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_still_hiring_reminders() == 0
        assert len(mail.outbox) == 1


class TestCompanyColleagues:
    def test_an_owner_invites_a_recruiter_who_accepts_once(
        self, bob, bob_company, django_capture_on_commit_callbacks
    ):
        from tests.factories import UserFactory

        with django_capture_on_commit_callbacks(execute=True):
            services.company_invitation_create(
                company=bob_company, email="eve@example.com", invited_by=bob
            )
        body = mail.outbox[-1].body
        token = body.split("/jobs/invitations/")[1].split("/")[0]
        eve = UserFactory(email="eve@example.com")
        membership = services.company_invitation_accept(raw_token=token, user=eve)
        assert membership.role == "recruiter"
        with pytest.raises(ValidationError):
            services.company_invitation_accept(raw_token=token, user=eve)

    def test_a_recruiter_cannot_invite(self, charlie):
        company = charlie.company_memberships.get().company
        with pytest.raises(ValidationError):
            services.company_invitation_create(
                company=company, email="x@example.com", invited_by=charlie
            )

    def test_the_invitation_is_bound_to_its_email(
        self, bob, bob_company, alice, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.company_invitation_create(
                company=bob_company, email="eve@example.com", invited_by=bob
            )
        token = mail.outbox[-1].body.split("/jobs/invitations/")[1].split("/")[0]
        with pytest.raises(ValidationError):
            services.company_invitation_accept(raw_token=token, user=alice)


def test_the_publish_helper_leaves_a_posting_anyone_can_open(posting, client):
    """Most job tests start from ``conftest.publish``: its posting must really be public."""
    posting.refresh_from_db()

    assert posting.status == Posting.Status.PUBLISHED
    assert posting.published_at is not None
    assert posting.published_at <= timezone.now()
    assert posting.is_open
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 200
    assert posting.title in response.content.decode()
