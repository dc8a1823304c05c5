"""Search pages: facets, highlights, load more, the header box, saving a job search."""

from __future__ import annotations

from django.urls import reverse

from jobs.models import SavedSearch


def test_the_jobs_page_shows_highlights_facets_and_sorts(client, catalog, frozen_today):
    response = client.get(reverse("search:results", args=["jobs"]), {"q": "반지를"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>반지</mark>" in html
    assert 'name="district" value="jongno"' in html
    assert 'value="salary"' in html  # a sort offered for jobs


def test_load_more_returns_just_the_next_hits_to_htmx(client, catalog, frozen_today):
    url = reverse("search:results", args=["jobs"])
    first = client.get(url, {"q": "", "sort": "newest", "page_size": 2})
    cursor = first.context["result"].next_cursor
    assert cursor
    more = client.get(
        url, {"sort": "newest", "page_size": 2, "cursor": cursor}, headers={"HX-Request": "true"}
    )
    assert more.status_code == 200
    assert "<html" not in more.content.decode()
    assert "search-hit" in more.content.decode()


def test_a_broken_cursor_is_explained_not_a_500(client, catalog):
    response = client.get(reverse("search:results", args=["jobs"]), {"cursor": "garbage"})
    assert response.status_code == 200
    assert response.context["errors"]


def test_an_unknown_type_is_404(client, db):
    assert client.get(reverse("search:results", args=["spaceships"])).status_code == 404


def test_the_overview_lists_every_type(client, catalog, courses, frozen_today):
    response = client.get(reverse("search:overview"), {"q": "왁스카빙"})
    html = response.content.decode()
    assert "카빙</mark> 기능공" in html and "카빙</mark> 기초" in html


def test_the_header_has_an_accessible_combobox(client, db):
    html = client.get(reverse("home")).content.decode()
    assert 'role="combobox"' in html
    assert 'aria-controls="header-search-listbox"' in html and 'role="listbox"' in html
    assert "search/combobox.js" in html
    assert "<script>" not in html  # CSP 'self': no inline script


def test_the_header_suggest_endpoint(client, catalog, frozen_today):
    data = client.get(reverse("search:suggest"), {"q": "세ㄱ"}).json()
    assert data["results"][0]["text"] == "귀금속 세공사"
    assert data["results"][0]["type_label"]


def test_a_trainee_saves_a_job_search_as_an_alert(client, alice, catalog, frozen_today):
    client.force_login(alice)
    page = client.get(reverse("search:results", args=["jobs"]), {"q": "반지", "district": "jongno"})
    assert f'action="{reverse("jobs:my_searches")}"' in page.content.decode()
    params = dict(page.context["saved_params"])
    response = client.post(reverse("jobs:my_searches"), {**params, "name": "종로 반지"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=alice)
    assert (saved.q, saved.district) == ("반지", "jongno")


def test_anonymous_visitors_are_not_offered_saving(client, catalog):
    page = client.get(reverse("search:results", args=["jobs"]), {"q": "반지"})
    assert not page.context["can_save"]


def test_a_search_that_finds_nothing_offers_titles_that_start_like_it(
    client, catalog, frozen_today
):
    """초성 and unfinished syllables are what people type into the header box before pressing
    Enter: the page then offers what autocomplete would have, not four empty sections."""
    response = client.get(reverse("search:overview"), {"q": "ㄱㄱㅅ"})
    html = response.content.decode()
    assert all(section["result"].total == 0 for section in response.context["sections"])
    assert "“ㄱㄱㅅ”" in html
    assert ">귀금속 세공사</a>" in html
    found = client.get(reverse("search:overview"), {"q": "세공"})
    assert not found.context["starts_like"]  # something matched: no offer
