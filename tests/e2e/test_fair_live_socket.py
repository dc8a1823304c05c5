"""The WebSocket path in a real browser: daphne serves the ASGI app in its own process,
channels-redis carries the notification, and the attendee's page turns live.

The page stops polling once its socket is open, so the call banner appearing after the
representative calls proves the socket delivered it. Needs Redis (CI has it); skipped
with the reason otherwise.
"""

from __future__ import annotations

import os
from functools import partial

import pytest
import redis
from channels.layers import channel_layers
from channels.routing import get_default_application
from daphne.testing import DaphneProcess
from django.db import connections

from fairs import services
from tests.fairs.conftest import make_booth, make_fair, register

from .conftest import DESKTOP, screenshot
from .test_fair_journey import _log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("CHANNEL_LAYER_TEST_URL") or (
    os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/7"
)


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _application():
    return get_default_application()


@pytest.fixture
def asgi_server(transactional_db, settings):
    """daphne in a forked process on the test database and a Redis channel layer."""
    if not _redis_answers():
        pytest.skip(f"needs Redis at {REDIS_URL} for a channel layer shared between processes")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    channel_layers.backends.clear()
    connections.close_all()  # the child must not share our connections
    server = DaphneProcess("localhost", partial(_application))
    server.start()
    if not server.ready.wait(timeout=30):
        server.terminate()
        pytest.fail("daphne did not start")
    yield f"http://localhost:{server.port.value}"
    server.terminate()
    server.join(timeout=10)
    channel_layers.backends.clear()


def test_a_call_reaches_the_attendee_over_the_socket(
    browser, asgi_server, center, alice, bob, bob_company
):
    fair = make_fair(center)
    booth = make_booth(fair, bob_company, reps=[bob])
    register(fair, alice)
    services.queue_join(booth=booth, attendee=alice)

    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", base_url=asgi_server)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        _log_in(page, alice.email)
        page.goto(f"/fairs/{fair.pk}/me/")
        page.locator("[data-live-status][data-state=live]").wait_for(timeout=15_000)

        services.queue_call_next(booth=booth, representative=bob)

        page.locator("form[action$='/accept/'] button").wait_for(timeout=4_000)
        assert page.locator("[data-live-status]").get_attribute("data-state") == "live"
        screenshot(page, "fairs-live-call-ko-desktop")
    finally:
        context.close()
