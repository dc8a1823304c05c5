"""Failed sign-ins are limited per account and per address, on the shared cache, without
letting an attacker lock the owner out: the owner signs in with a code sent by email, from
a browser they used before, or after the window."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import make_trainee

PASSWORD = "correct-horse-battery-9"  # the factories' password
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"
START = dt.datetime(2026, 4, 1, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def attempt(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def refused_as_limited(response) -> bool:
    errors = response.context["form"].non_field_errors() if response.context else []
    # the page speaks Korean by default
    return response.status_code == 200 and any("일회용 코드" in e for e in errors)


def fail(email, times, ip=ATTACKER):
    attacker = Client()
    for _ in range(times):
        response = attempt(attacker, email, "wrong-guess-000", ip)
        assert response.status_code == 200


def sign_in_by_code(client, email, ip, capture) -> bool:
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            reverse("account_request_login_code"), {"email": email}, REMOTE_ADDR=ip
        )
    assert response.status_code == 302, response.content[:500]
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", mail.outbox[-1].body, re.M).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, REMOTE_ADDR=ip)
    return response.status_code == 302 and signed_in(client)


class TestPerAccountLimit:
    def test_five_failures_stop_password_guessing_on_the_account(self, clock, alice):
        fail("alice@example.com", 5)
        response = attempt(Client(), "alice@example.com", "wrong-guess-001", ATTACKER)
        assert refused_as_limited(response)
        # the correct password from a new browser elsewhere is refused too: the limit is
        # on the account, across every process (the shared cache), not on one client
        owner = Client()
        assert refused_as_limited(attempt(owner, "alice@example.com", PASSWORD, OFFICE))
        assert not signed_in(owner)

    def test_the_owner_still_gets_in_with_a_code_by_email(
        self, clock, alice, django_capture_on_commit_callbacks
    ):
        fail("alice@example.com", 5)
        owner = Client()
        assert sign_in_by_code(
            owner, "alice@example.com", OFFICE, django_capture_on_commit_callbacks
        )
        assert int(owner.session["_auth_user_id"]) == alice.pk

    def test_the_owner_gets_in_from_a_browser_used_before(self, clock, alice):
        owner = Client()
        assert attempt(owner, "alice@example.com", PASSWORD, OFFICE).status_code == 302
        owner.post(reverse("account_logout"))
        fail("alice@example.com", 8)
        assert attempt(owner, "alice@example.com", PASSWORD, OFFICE).status_code == 302
        assert signed_in(owner)

    def test_the_password_works_again_after_the_window(self, clock, alice):
        fail("alice@example.com", 5)
        owner = Client()
        assert refused_as_limited(attempt(owner, "alice@example.com", PASSWORD, OFFICE))
        clock.shift(dt.timedelta(minutes=5, seconds=1))
        assert attempt(owner, "alice@example.com", PASSWORD, OFFICE).status_code == 302

    def test_a_known_browser_has_a_limit_of_its_own(self, clock, alice):
        thief = Client()
        assert attempt(thief, "alice@example.com", PASSWORD, OFFICE).status_code == 302
        thief.post(reverse("account_logout"))
        for _ in range(10):
            assert attempt(thief, "alice@example.com", "wrong-guess-000", OFFICE).status_code == 200
        assert refused_as_limited(attempt(thief, "alice@example.com", PASSWORD, OFFICE))


class TestPerAddressLimit:
    def test_failures_on_one_account_do_not_lock_others_at_the_same_address(
        self, clock, alice, bob
    ):
        fail("alice@example.com", 5, ip=OFFICE)
        colleague = Client()
        assert attempt(colleague, "bob@example.com", PASSWORD, OFFICE).status_code == 302

    def test_many_failures_from_one_address_stop_guessing_there_but_not_the_owners_ways_in(
        self, clock, alice, bob, django_capture_on_commit_callbacks
    ):
        regular = Client()  # bob signed in from this browser last week
        assert attempt(regular, "bob@example.com", PASSWORD, OFFICE).status_code == 302
        regular.post(reverse("account_logout"))
        for n in range(30):  # credential stuffing: one guess for each of many accounts
            make_trainee(email=f"victim{n}@example.com")
            fail(f"victim{n}@example.com", 1, ip=OFFICE)
        # a further guess from that address is refused, for any account
        assert refused_as_limited(attempt(Client(), "alice@example.com", PASSWORD, OFFICE))
        # bob's own browser still signs him in with his password
        assert attempt(regular, "bob@example.com", PASSWORD, OFFICE).status_code == 302
        # and alice, on a new browser there, signs in with a code
        assert sign_in_by_code(
            Client(), "alice@example.com", OFFICE, django_capture_on_commit_callbacks
        )
        # other addresses are not affected
        assert attempt(Client(), "alice@example.com", PASSWORD, "192.0.2.10").status_code == 302


class TestTheMessage:
    def test_the_page_offers_the_code_in_korean_and_english(self, clock, alice):
        fail("alice@example.com", 5)
        for language, words in (("ko", "일회용 코드"), ("en", "one-time code")):
            client = Client(headers={"accept-language": language})
            client.cookies["django_language"] = language
            with translation.override(language):
                page = attempt(client, "alice@example.com", PASSWORD, OFFICE).content.decode()
            assert words in page, language
            assert reverse("account_request_login_code") in page, language
