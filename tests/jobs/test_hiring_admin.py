"""The admin shows interviews, offers, employments and timelines, and changes none of them:
취업 comes from an accepted offer or a hire staff record with a reason, never from an edit."""

from __future__ import annotations

import datetime as dt

import pytest

from jobs import services
from jobs.models import Employment, Interview, Offer
from tests.factories import UserFactory, add_totp
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import NOW, kst, make_offer, pick, propose


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def hired(application, bob, alice):
    day = NOW.date() + dt.timedelta(days=2)
    pick(propose(application, bob, kst(day, 10), now=NOW), alice, kst(day, 10), now=NOW)
    return services.offer_accept(offer=make_offer(application, bob), by=alice, now=NOW)


@pytest.mark.parametrize("model", [Interview, Offer, Employment])
def test_the_pages_open_and_nothing_can_be_added_or_changed(admin_client, hired, model):
    name = model._meta.model_name
    obj = model.objects.get()
    assert admin_client.get(f"/admin/jobs/{name}/").status_code == 200
    assert admin_client.get(f"/admin/jobs/{name}/{obj.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/jobs/{name}/add/").status_code == 403
    assert admin_client.post(f"/admin/jobs/{name}/{obj.pk}/change/", {}).status_code == 403


def test_a_timeline_step_cannot_be_made_up(admin_client, hired):
    assert admin_client.get("/admin/jobs/applicationevent/add/").status_code == 403
    assert admin_client.get("/admin/jobs/applicationevent/").status_code == 200
