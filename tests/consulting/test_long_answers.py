"""A 12,000-character intake answer is refused with a message (page and API), never cut to 2,000."""

from __future__ import annotations

from datetime import timedelta

from consulting.models import Booking
from tests.consulting.conftest import seoul

LONG = "가" * 12000


def test_the_booking_page_counts_and_refuses(client, alice, startup_type, question, day):
    client.force_login(alice)
    week = day - timedelta(days=day.weekday())
    url = f"/consulting/book/{startup_type.pk}/?week={week}"
    page = client.get(url)
    html = page.content.decode()
    assert 'data-maxlength="2000"' in html and f'id="id_q_{question.pk}_count"' in html
    data = {
        "start": seoul(day, 10).isoformat(),
        "token": page.context["form"]["token"].value(),
        "counselor": "any",
        f"q_{question.pk}": LONG,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "2000" in response.content.decode() and "12000" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_api_answers_400_with_the_field(client, alice, startup_type, carol, question, day):
    client.force_login(alice)
    response = client.post(
        "/api/v1/consultations/",
        {
            "counselor": carol.pk,
            "type": startup_type.pk,
            "start": seoul(day, 10).isoformat(),
            "answers": {str(question.pk): LONG},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]
    assert not Booking.objects.exists()
