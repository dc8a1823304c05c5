"""Throttling of public lookups: per client, per scope, per window, on the shared cache."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from core.ratelimit import client_ip, is_limited


def hits(n: int, scope: str = "lookup", **meta) -> list[bool]:
    request = RequestFactory().get("/", **meta)
    return [is_limited(request, scope, limit=3, period=60) for _ in range(n)]


class TestIsLimited:
    def test_it_lets_the_limit_through_and_refuses_the_next(self, ratelimit_clock):
        assert hits(5) == [False, False, False, True, True]

    def test_each_client_has_its_own_count(self, ratelimit_clock):
        hits(4, REMOTE_ADDR="10.0.0.1")
        assert hits(1, REMOTE_ADDR="10.0.0.2") == [False]

    def test_each_scope_has_its_own_count(self, ratelimit_clock):
        hits(4, scope="lookup")
        assert hits(1, scope="other") == [False]

    def test_the_count_starts_again_in_the_next_window(self, ratelimit_clock):
        assert hits(4)[-1] is True
        ratelimit_clock.now += 61
        assert hits(1) == [False]

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_a_proxy_it_counts_the_address_the_proxy_saw(self, ratelimit_clock):
        hits(4, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert hits(1, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8") == [False]
        assert hits(1, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4") == [True]


class TestClientIp:
    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_a_forged_address_is_not_believed(self):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="junk")
        assert client_ip(request) == "10.0.0.1"
