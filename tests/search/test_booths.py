"""Fair booths are searchable: approved booths of published fairs, by company, introduction
(Korean with particles, English) and the postings they show; a draft fair's or a pending
booth's never."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from fairs.models import Booth, Fair
from search import service
from tests.factories import CompanyFactory
from tests.fairs.conftest import make_booth, make_fair
from tests.jobs.conftest import posting, skills  # noqa: F401 - fixtures


def booths(q: str) -> list[str]:
    result = service.search(service.build_request(kind="booths", q=q))
    return [hit.title for hit in result.hits]


@pytest.fixture
def fairs_indexed(center, bob_company, posting):  # noqa: F811
    live = make_fair(center)
    booth = make_booth(live, bob_company, postings=[posting])
    booth.introduction = "왁스 카빙으로 반지 원형을 만드는 공방입니다."
    booth.introduction_en = "A workshop that carves wax models for rings."
    booth.save()
    draft = make_fair(center, title="준비 중 박람회", status=Fair.Status.DRAFT)
    hidden = make_booth(draft, CompanyFactory(name="초안공방"))
    hidden.introduction = "왁스 카빙 공방"
    hidden.save()
    pending = make_booth(live, CompanyFactory(name="심사중공방"))
    Booth.objects.filter(pk=pending.pk).update(
        status=Booth.Status.REQUESTED, introduction="왁스 카빙 공방"
    )
    call_command("search_index", "--rebuild", "--type", "booths", stdout=io.StringIO())
    return booth


def test_a_booth_is_found_by_its_introduction_with_particles_and_in_english(fairs_indexed):
    name = fairs_indexed.company.name
    assert booths("카빙으로") == [name]
    assert booths("왁스") == [name]
    assert booths("carves wax") == [name]


def test_a_booth_is_found_by_the_postings_it_shows(fairs_indexed, posting):  # noqa: F811
    assert booths(posting.title) == [fairs_indexed.company.name]


def test_draft_fairs_and_pending_booths_are_never_found(fairs_indexed):
    found = booths("공방")
    assert "초안공방" not in found and "심사중공방" not in found
    assert found == [fairs_indexed.company.name]


def test_the_overview_page_lists_booths(client, fairs_indexed):
    response = client.get("/search/", {"q": "왁스"})
    assert response.status_code == 200
    assert fairs_indexed.company.name in response.content.decode()
