"""The applicant board: each card's fit score (the one formula), moves through the stage-change
service by htmx (allowed, refused with the card staying put), and another company's 404."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.models import AuditEntry
from jobs import matching, services
from jobs.models import Application

from .conftest import give_skill, pdf_upload


@pytest.fixture
def application(posting, alice, skills):
    give_skill(alice, skills["Wax carving"], 4)
    give_skill(alice, skills["Polishing"], 2, source="self")
    return services.application_create(
        posting=posting, applicant=alice, cover_letter="지원합니다", resume_file=pdf_upload()
    )


def move(client, application, status, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("jobs:employer_board_move", args=[application.pk]), {"status": status}, **headers
    )


def column_of(html: str, application) -> str:
    """The stage whose column holds the card."""
    card = html.index(f'id="card-{application.pk}"')
    return re.findall(r'data-status="(\w+)"', html[:card])[-1]


class TestBoard:
    def test_each_card_shows_the_fit_score_of_the_one_formula_and_why(
        self, client, bob, application
    ):
        client.force_login(bob)
        html = client.get(reverse("jobs:employer_board", args=[application.posting_id])).content
        html = html.decode()
        expected = matching.application_match(application, None).score
        assert expected > 0
        card = html[html.index(f'id="card-{application.pk}"') :]
        assert f"{expected:.0f}<" in card.split("</li>", 1)[0]
        assert "적합도 근거" in card and "Wax carving" not in card  # Korean skill names
        assert "왁스 카빙" in card and "보석 세팅" in card  # have / missing

    def test_a_move_by_htmx_returns_the_board_with_the_card_in_its_new_column(
        self, client, bob, application
    ):
        client.force_login(bob)
        response = move(client, application, "interview")
        assert response.status_code == 200
        assert "HX-Refresh" not in response.headers
        html = response.content.decode()
        assert column_of(html, application) == "interview"
        assert "김앨리스 님을 면접 단계로 옮겼습니다." in html
        assert 'hx-swap-oob="innerHTML"' in html and f'data-focus="move-{application.pk}"' in html
        application.refresh_from_db()
        assert application.status == "interview"
        assert AuditEntry.objects.filter(action="jobs.application.status_changed").count() == 1

    def test_moving_to_hired_is_refused_and_the_card_stays(self, client, bob, application):
        client.force_login(bob)
        response = move(client, application, "hired")
        html = response.content.decode()
        assert 'class="alert alert--error"' in html and "채용 제안" in html
        assert column_of(html, application) == "submitted"
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_a_withdrawn_application_cannot_be_moved(self, client, bob, alice, application):
        services.application_withdraw(application=application, by=alice)
        client.force_login(bob)
        html = move(client, application, "screening").content.decode()
        assert "alert--error" in html
        application.refresh_from_db()
        assert application.status == Application.Status.WITHDRAWN

    def test_an_unknown_stage_is_refused(self, client, bob, application):
        client.force_login(bob)
        html = move(client, application, "").content.decode()
        assert "단계를 고르세요." in html
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_without_htmx_it_redirects_to_the_board_with_a_message(self, client, bob, application):
        client.force_login(bob)
        response = move(client, application, "screening", htmx=False)
        assert response.status_code == 302
        assert response["Location"] == reverse("jobs:employer_board", args=[application.posting_id])
        page = client.get(response["Location"]).content.decode()
        assert "김앨리스 님을 서류 검토 단계로 옮겼습니다." in page
        application.refresh_from_db()
        assert application.status == "screening"

    def test_another_company_gets_404_and_nothing_moves(self, client, charlie, alice, application):
        client.force_login(charlie)
        assert move(client, application, "rejected").status_code == 404
        client.force_login(alice)
        assert move(client, application, "rejected").status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"
