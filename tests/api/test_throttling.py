"""The API answers too many requests with 429 and Retry-After, counted on the shared cache.

There is no API endpoint that takes a password: tokens are made on the signed-in tokens
page (behind the sign-in limits of accounts.login_limits), so the API's limits are DRF's
anonymous and per-user throttles.
"""

from __future__ import annotations

import datetime as dt

import time_machine
from rest_framework.throttling import AnonRateThrottle

from accounts import services

START = dt.datetime(2026, 4, 1, 1, 0, tzinfo=dt.UTC)


def test_an_anonymous_caller_over_the_limit_gets_429_with_retry_after(client, db, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "600/min"})
    with time_machine.travel(START, tick=False) as clock:
        statuses = [client.get("/api/v1/centers/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/v1/centers/")
        assert response.status_code == 429
        assert 1 <= int(response.headers["Retry-After"]) <= 60
        assert set(response.json()) == {"detail", "errors"}
        clock.shift(dt.timedelta(seconds=61))
        assert client.get("/api/v1/centers/").status_code == 200


def test_the_schema_documents_429_and_retry_after_on_every_operation(client, alice):
    from tests.api.schema_ops import schema

    for path, item in schema()["paths"].items():
        for method, operation in item.items():
            assert "429" in operation["responses"], f"{method} {path}"
            assert "Retry-After" in operation["responses"]["429"]["headers"]
    _token, raw = services.api_token_create(user=alice, name="x")  # a token works meanwhile
    assert client.get("/api/v1/me/", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
