"""A posting applied to the stored lists while a list is being recomputed (real threads, PostgreSQL).

Applying a posting locks only the lists it enters or leaves, found by their stored last row. A
list being recomputed meanwhile may have ranked before the posting was published; the apply
waits for such recomputations to commit before it looks (``feed._wait_for_recomputations``).
The control skips that wait, and the recomputed list misses the posting for good.
"""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection

from jobs import scoring, services
from jobs.models import Recommendation, RecommendationState
from jobs.services import feed
from jobs.tasks import apply_posting_to_recommendations

from .conftest import give_skill, posting_data, publish

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paused_recomputation(monkeypatch):
    """A recomputation in another thread stops after ranking, before it stores, until ``go``."""
    ranked, go = threading.Event(), threading.Event()
    real = scoring.posting_ranking

    def ranking(*args, **kwargs):
        result = real(*args, **kwargs)
        if threading.current_thread() is not threading.main_thread():
            ranked.set()
            go.wait(timeout=30)
        return result

    monkeypatch.setattr(scoring, "posting_ranking", ranking)
    return ranked, go


def _in_thread(call, results):
    def run():
        try:
            results.append(call())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _race(alice, bob, bob_company, dave, skills, paused, *, wait_for_applier: bool):
    """Alice's skills changed (her list awaits recomputation); the recomputation ranks, then a
    posting for her skill is published and applied before the recomputation stores its list."""
    ranked, go = paused
    give_skill(alice, skills["Wax carving"], 3)
    feed.trainee_feed_refresh(user_id=alice.pk, force=True)
    RecommendationState.objects.filter(user=alice).update(is_stale=True)
    results: list = []
    worker = _in_thread(lambda: feed.trainee_feed_refresh(user_id=alice.pk), results)
    assert ranked.wait(timeout=30)
    with mock.patch.object(apply_posting_to_recommendations, "delay_on_commit"):
        posting = publish(
            services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(),
                skills=[{"skill": skills["Wax carving"].pk, "min_level": 2}],
            ),
            dave,
        )
    applier = _in_thread(lambda: feed.posting_feed_apply(posting_id=posting.pk), results)
    applier.join(timeout=30 if wait_for_applier else 1)
    applier_waited = applier.is_alive()
    go.set()
    worker.join(timeout=30)
    applier.join(timeout=30)
    assert not worker.is_alive() and not applier.is_alive()
    return posting, applier_waited


def _stored(user):
    return list(
        Recommendation.objects.filter(user=user)
        .order_by("-score", "-posting_id")
        .values_list("posting_id", "score")
    )


def test_an_apply_waits_for_a_recomputation_in_flight(
    alice, bob, bob_company, dave, skills, paused_recomputation
):
    posting, applier_waited = _race(
        alice, bob, bob_company, dave, skills, paused_recomputation, wait_for_applier=False
    )
    assert applier_waited  # until the recomputation committed
    live = scoring.posting_ranking(scoring.holdings_for(alice.pk), scoring.Preferences(), 100)
    assert [pid for pid, _score in live] == [posting.pk]
    assert _stored(alice) == live
    state = RecommendationState.objects.get(user=alice)
    assert not state.is_stale
    assert (state.last_posting_id, state.last_score) == live[-1]


def test_control_without_the_wait_the_list_misses_the_posting(
    alice, bob, bob_company, dave, skills, paused_recomputation, monkeypatch
):
    monkeypatch.setattr(feed, "_wait_for_recomputations", lambda: None)
    posting, _waited = _race(
        alice, bob, bob_company, dave, skills, paused_recomputation, wait_for_applier=True
    )
    # The apply skipped her stale list; the recomputation had ranked before the posting existed.
    assert posting.pk not in [pid for pid, _score in _stored(alice)]
    assert not RecommendationState.objects.get(user=alice).is_stale
