"""Read replicas: safe requests read from a replica, writes and read-your-writes from the primary.

``replica_1`` mirrors the test database (config/settings/test.py), so both aliases hold the
same rows over two connections; each test lists it in DATABASE_REPLICAS and counts the
statements each connection ran.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from accounts.models import Center
from core.replicas import PIN_COOKIE, primary_only, reads_from

pytestmark = [
    pytest.mark.django_db(databases=["default", "replica_1"], transaction=True),
]

WITH_REPLICA = override_settings(DATABASE_REPLICAS=["replica_1"])
NOW = dt.datetime(2026, 3, 10, 5, 0, tzinfo=dt.UTC)


def _run(client, method: str, url: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


@WITH_REPLICA
def test_an_anonymous_page_reads_from_the_replica(client, center):
    response, primary, replica = _run(client, "get", "/courses/")
    assert response.status_code == 200
    assert replica > 0
    assert primary == 0


@WITH_REPLICA
def test_a_signed_in_page_reads_session_and_user_from_the_replica(client, alice):
    client.force_login(alice)
    response, primary, replica = _run(client, "get", "/courses/my/")
    assert response.status_code == 200
    assert replica > 0
    assert primary == 0


def test_without_replicas_every_read_is_on_the_primary(client, center):
    response, primary, replica = _run(client, "get", "/courses/")
    assert response.status_code == 200
    assert (primary > 0, replica) == (True, 0)


@WITH_REPLICA
def test_a_write_reads_and_writes_on_the_primary_and_pins_the_client(client, alice):
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False):
        response, primary, replica = _run(
            client, "post", "/settings/", data={"name": "김앨리스", "language": "ko"}
        )
        assert response.status_code in (200, 302)
        assert primary > 0 and replica == 0
        assert client.cookies[PIN_COOKIE]["max-age"] == 5
        # the next page shows the person their own change: it reads the primary
        _, primary, replica = _run(client, "get", "/courses/my/")
        assert primary > 0 and replica == 0


@WITH_REPLICA
def test_the_pin_ends_after_its_seconds(client, alice):
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False) as clock:
        client.post("/settings/", data={"name": "김앨리스", "language": "ko"})
        clock.shift(dt.timedelta(seconds=6))
        # the browser drops the cookie at max-age; a client that keeps it is not trusted either
        _, primary, replica = _run(client, "get", "/courses/my/")
    assert replica > 0 and primary == 0


@WITH_REPLICA
def test_a_forged_pin_cookie_only_moves_reads_to_the_primary(client, center):
    client.cookies[PIN_COOKIE] = "not-a-number"
    response, primary, replica = _run(client, "get", "/courses/")
    assert response.status_code == 200
    assert replica > 0 and primary == 0


@WITH_REPLICA
def test_reads_inside_a_transaction_and_locking_reads_stay_on_the_primary(center):
    with reads_from("replica_1"):
        with CaptureQueriesContext(connections["replica_1"]) as replica:
            list(Center.objects.all())
        assert len(replica) == 1
        with transaction.atomic(), CaptureQueriesContext(connections["replica_1"]) as replica:
            list(Center.objects.all())
            list(Center.objects.select_for_update().all())
        assert len(replica) == 0
        with primary_only(), CaptureQueriesContext(connections["replica_1"]) as replica:
            list(Center.objects.all())
        assert len(replica) == 0


@WITH_REPLICA
def test_an_answer_read_from_a_replica_is_not_kept_for_the_next_visitor(client, center):
    """A replica may lag behind the change the data version stands for: what it answered is
    served, never kept under that version (core.http_cache)."""
    first, _primary, first_replica = _run(client, "get", "/api/v1/jobs/")
    again, _primary, again_replica = _run(client, "get", "/api/v1/jobs/")
    assert first.status_code == again.status_code == 200
    assert first_replica > 0
    assert again_replica > 0  # computed again, not kept


def test_an_answer_read_from_the_primary_is_kept(client, center):
    client.get("/api/v1/jobs/")
    again, primary, replica = _run(client, "get", "/api/v1/jobs/")
    assert again.status_code == 200
    assert (primary, replica) == (0, 0)


@WITH_REPLICA
def test_the_job_list_caches_nothing_it_read_from_a_replica(client, center):
    """The bounded count, the skill choices and the anonymous fragment are kept under the data
    version; read from a lagging replica they would outlive the change: each visit reads again."""
    _first, _p, first_replica = _run(client, "get", "/jobs/")
    _again, _p, again_replica = _run(client, "get", "/jobs/")
    assert again_replica == first_replica > 0


def test_on_the_primary_the_job_list_keeps_its_count_and_choices(client, center):
    _first, first_primary, _r = _run(client, "get", "/jobs/")
    _again, again_primary, _r = _run(client, "get", "/jobs/")
    assert again_primary < first_primary
