"""The job list Korean job seekers expect: 신입/경력/무관, years and education filters on the page
and the API, D-day badges counted in Korea, and the skill chip picker's markup."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from jobs import services
from jobs.models import Posting
from skills.models import Skill

from .conftest import posting_data, publish

KST = ZoneInfo("Asia/Seoul")


@pytest.fixture
def varied(bob, bob_company, dave, skills):
    """Five postings that ask for different experience and education."""
    made = {}
    for title, experience, education in (
        ("신입 환영 세공", "entry", "high_school"),
        ("경력무관 연마", "any", "any"),
        ("1-3년 CAD", "junior", "college"),
        ("3-5년 세팅", "mid", "bachelor"),
        ("5년 이상 감정", "senior", "master"),
    ):
        posting = services.posting_create(
            company=bob_company,
            by=bob,
            data=posting_data(title=title, experience_level=experience, education=education),
            skills=[],
        )
        made[title] = publish(posting, dave)
    return made


def titles(client, **params) -> set[str]:
    html = client.get(reverse("jobs:index"), params).content.decode()
    return {t for t in ALL if t in html}


def api_titles(client, **params) -> set[str]:
    response = client.get("/api/v1/jobs/", params)
    assert response.status_code == 200, response.content
    return {job["title"] for job in response.json()["results"]}


ALL = {"신입 환영 세공", "경력무관 연마", "1-3년 CAD", "3-5년 세팅", "5년 이상 감정"}


@pytest.mark.parametrize("fetch", [titles, api_titles], ids=["page", "api"])
class TestExperienceAndEducation:
    def test_newcomers_see_postings_open_to_them(self, client, varied, fetch):
        assert fetch(client, experience="entry") == {"신입 환영 세공", "경력무관 연마"}

    def test_experienced_people_see_career_postings_and_those_that_do_not_ask(
        self, client, varied, fetch
    ):
        assert fetch(client, experience="career") == {
            "경력무관 연마",
            "1-3년 CAD",
            "3-5년 세팅",
            "5년 이상 감정",
        }

    def test_any_means_the_posting_does_not_ask(self, client, varied, fetch):
        assert fetch(client, experience="any") == {"경력무관 연마"}

    def test_years_keep_postings_asking_for_at_most_that_many(self, client, varied, fetch):
        assert fetch(client, years=0) == {"신입 환영 세공", "경력무관 연마"}
        assert fetch(client, years=3) == ALL - {"5년 이상 감정"}
        assert fetch(client, experience="career", years=2) == {"경력무관 연마", "1-3년 CAD"}

    def test_education_keeps_postings_whose_requirement_is_met(self, client, varied, fetch):
        assert fetch(client, education="high_school") == {"신입 환영 세공", "경력무관 연마"}
        assert fetch(client, education="bachelor") == ALL - {"5년 이상 감정"}
        assert fetch(client, education="master") == ALL


def test_the_api_refuses_an_unknown_experience_or_negative_years(client, varied):
    assert client.get("/api/v1/jobs/", {"experience": "guru"}).status_code == 400
    assert client.get("/api/v1/jobs/", {"years": -1}).status_code == 400
    assert client.get("/api/v1/jobs/", {"education": "phd"}).status_code == 400


def test_the_page_ignores_bad_filter_values_and_shows_everything(client, varied):
    assert titles(client, years="many") == ALL


class TestDDay:
    """The badge counts days in Korea: the day turns at 00:00 KST, not UTC."""

    @pytest.fixture
    def closing(self, bob, bob_company, dave, skills):
        with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=KST), tick=False):
            posting = services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(title="마감 임박 공고", deadline=dt.date(2026, 3, 5)),
                skills=[],
            )
            publish(posting, dave)
            open_posting = services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(title="상시 공고", deadline=None),
                skills=[],
            )
            publish(open_posting, dave)
        return posting

    def badge(self, client, when: dt.datetime) -> str:
        with time_machine.travel(when, tick=False):
            html = client.get(reverse("jobs:index")).content.decode()
        if "마감 임박 공고" not in html:
            return "gone"
        card = html.split("마감 임박 공고", 1)[1]
        return card.split('d-day"', 1)[1].split(">", 1)[1].split("<", 1)[0].strip()

    def test_three_days_before(self, client, closing):
        assert self.badge(client, dt.datetime(2026, 3, 2, 0, 0, tzinfo=KST)) == "D-3"

    def test_at_2359_kst_the_day_before_it_is_d_1(self, client, closing):
        # 14:59 UTC on the 4th: still the 4th in Seoul
        assert self.badge(client, dt.datetime(2026, 3, 4, 23, 59, tzinfo=KST)) == "D-1"

    def test_at_0000_kst_on_the_deadline_it_is_d_day(self, client, closing):
        # 15:00 UTC on the 4th: already the 5th in Seoul
        assert self.badge(client, dt.datetime(2026, 3, 5, 0, 0, tzinfo=KST)) == "D-day"
        assert self.badge(client, dt.datetime(2026, 3, 5, 23, 59, tzinfo=KST)) == "D-day"

    def test_after_the_deadline_the_posting_leaves_the_list(self, client, closing):
        assert self.badge(client, dt.datetime(2026, 3, 6, 0, 0, tzinfo=KST)) == "gone"

    def test_no_deadline_reads_always_hiring(self, client, closing):
        with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=KST), tick=False):
            html = client.get(reverse("jobs:index")).content.decode()
        card = html.split("상시 공고", 1)[1]
        assert "상시채용" in card.split("</li>", 1)[0]

    def test_the_detail_page_and_the_api_agree(self, client, closing):
        with time_machine.travel(dt.datetime(2026, 3, 4, 23, 59, tzinfo=KST), tick=False):
            assert "D-1" in client.get(reverse("jobs:detail", args=[closing.pk])).content.decode()
            body = client.get(f"/api/v1/jobs/{closing.pk}/").json()
            assert body["days_left"] == 1
        with time_machine.travel(dt.datetime(2026, 3, 5, 0, 0, tzinfo=KST), tick=False):
            assert client.get(f"/api/v1/jobs/{closing.pk}/").json()["days_left"] == 0


def test_the_skill_filter_is_a_chip_picker_over_a_working_select(client, posting, skills):
    html = client.get(reverse("jobs:index")).content.decode()
    # without JavaScript the native select still submits; the script enhances it
    assert 'name="skills"' in html and "data-chip-picker" in html and "multiple" in html
    assert "jobs/chip_picker.js" in html
    wax = skills["Wax carving"].pk
    assert "귀금속 세공사" in client.get(reverse("jobs:index"), {"skills": wax}).content.decode()
    assert Posting.objects.count() == 1


@pytest.mark.parametrize("persona", ["anonymous", "trainee"])
def test_a_renamed_or_added_skill_shows_in_the_skill_filter_at_once(
    client, persona, alice, skills, django_capture_on_commit_callbacks
):
    """The filter's choices come from the cache (one query fewer a request); a skill's change
    replaces them as soon as it commits, in each language."""
    if persona == "trainee":
        client.force_login(alice)

    def page(language: str) -> str:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switcher
        return client.get(reverse("jobs:index")).content.decode()

    # both languages' choices are now cached
    assert "왁스 카빙" in page("ko") and "Wax carving" in page("en")
    with django_capture_on_commit_callbacks(execute=True):
        wax = skills["Wax carving"]
        wax.name, wax.name_en = "왁스 조각", "Wax sculpting"
        wax.save()
        Skill.objects.create(
            category=wax.category, name="레이저 용접", name_en="Laser welding", industry="주얼리"
        )
    korean, english = page("ko"), page("en")
    assert "왁스 조각" in korean and "레이저 용접" in korean and "왁스 카빙" not in korean
    assert "Wax sculpting" in english and "Laser welding" in english
    assert "Wax carving" not in english and "레이저 용접" not in english


def test_a_saved_search_keeps_the_experience_and_education_filters(client, alice, varied):
    client.force_login(alice)
    client.post(
        reverse("jobs:my_searches"),
        {"name": "신입 고졸", "experience": "entry", "years": "0", "education": "high_school"},
    )
    saved = alice.saved_searches.get()
    assert (saved.experience, saved.years, saved.education) == ("entry", 0, "high_school")
    from jobs.selectors import search_postings

    found = set(search_postings(saved.as_params()).values_list("title", flat=True))
    assert found == {"신입 환영 세공", "경력무관 연마"}
    page = client.get(reverse("jobs:my_searches")).content.decode()
    assert "experience=entry" in page and "years=0" in page and "education=high_school" in page
