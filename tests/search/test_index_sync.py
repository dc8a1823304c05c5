"""Index updates follow writes after commit, through the apps' own services."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.services import company_set_status
from jobs import services as job_services
from search import service
from search.models import SearchEntry
from tests.jobs.conftest import posting_data, publish


def titles(q="", kind="jobs"):
    return [h.title for h in service.search(service.build_request(kind=kind, q=q)).hits]


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_published_posting_is_found_after_commit_only(bob, bob_company, dave, after_commit):
    posting = job_services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="반지 세팅 기술자"), skills=[]
    )
    with after_commit():
        job_services.posting_submit(posting=posting, by=bob)
    assert titles("세팅") == []  # pending review: not public
    with after_commit() as callbacks:
        job_services.posting_approve(posting=posting, by=dave)
        assert not SearchEntry.objects.filter(
            kind="jobs", object_id=posting.pk
        ).exists()  # not before commit
    assert callbacks
    assert titles("세팅") == ["반지 세팅 기술자"]


def test_closing_a_posting_removes_it(bob, bob_company, dave, after_commit):
    posting = job_services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="광택 기술자"), skills=[]
    )
    with after_commit():
        publish(posting, dave)
    assert titles("광택") == ["광택 기술자"]
    with after_commit():
        job_services.posting_close(posting=posting, by=bob)
    assert titles("광택") == []


def test_revoking_a_companys_verification_removes_its_postings(
    bob, bob_company, dave, after_commit
):
    posting = job_services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="주조 기능공"), skills=[]
    )
    with after_commit():
        publish(posting, dave)
    assert titles("주조") == ["주조 기능공"]
    assert titles(bob_company.name, kind="companies") == [bob_company.name]
    with after_commit():
        company_set_status(company=bob_company, status="rejected", by=dave, reason="폐업")
    assert titles("주조") == []
    assert titles(bob_company.name, kind="companies") == []


def test_deleting_a_posting_removes_it(bob, bob_company, dave, after_commit):
    posting = job_services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="보석 감정사"), skills=[]
    )
    with after_commit():
        publish(posting, dave)
    with after_commit():
        posting.delete()
    assert titles("감정") == []


class TestCommand:
    def test_rebuild_reports_progress_and_counts(self, catalog):
        out = io.StringIO()
        call_command("search_index", "--rebuild", "--type", "jobs", stdout=out)
        text = out.getvalue()
        assert "jobs: indexed 7, removed 0 stale" in text  # six open + the expired one
        assert "7/7" in text

    def test_reconcile_says_what_it_fixed(self, catalog):
        from search.backends.database import DatabaseBackend

        DatabaseBackend().delete("jobs", [catalog["귀금속 세공사"].pk])
        out = io.StringIO()
        call_command("search_index", "--reconcile", "--type", "jobs", stdout=out)
        assert "jobs: 1 missing indexed, 0 stale removed" in out.getvalue()

    def test_an_unknown_type_is_an_error(self, db):
        with pytest.raises(CommandError):
            call_command("search_index", "--rebuild", "--type", "spaceships")
