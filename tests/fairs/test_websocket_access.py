"""Who may open the fairs' WebSockets (the HTTP routes are in the authorization matrix).

The fair socket is for the fair's registered attendees and the representatives of its
approved booths; the conversation socket for the conversation's two people. Everyone else
is closed with 4403 before the socket is accepted, and a representative hears only their
own booth's events. Each refusal has its control: the rightful person connects.
"""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from fairs import services
from fairs.consumers import DENIED
from tests.factories import add_totp, make_center_member

from .conftest import register
from .test_websockets import run

# How long to wait for what must arrive: generous, since waiting ends as soon as it does, and the
# CI runs four test processes on two cores (a 1 s connect timed out there). What must *not*
# arrive is waited for briefly (receive_nothing).
WAIT = 10


pytestmark = pytest.mark.django_db(transaction=True)


def cookie_of(user) -> bytes | None:
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def socket(path: str, user) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    cookie = cookie_of(user)
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


def connects(path: str, user) -> tuple[bool, int | None]:
    """(accepted, close code) of a socket ``user`` opens at ``path`` (None: anonymous)."""
    communicator = socket(path, user)

    async def scenario():
        connected, code = await communicator.connect(timeout=WAIT)
        await communicator.disconnect()
        return connected, None if connected else code

    return run(scenario)


@pytest.fixture
def staff_of_another_center(db, other_center):
    user = make_center_member(other_center, "staff", email="staff-2@example.com", name="타센터")
    add_totp(user)
    return user


@pytest.fixture
def conversation(booth, bob, alice, registration):
    entry = services.queue_join(booth=booth, attendee=alice)
    services.queue_call_next(booth=booth, representative=bob)
    return services.call_accept(entry=entry, attendee=alice)


class TestFairSocket:
    def path(self, fair) -> str:
        return f"/ws/fairs/{fair.pk}/"

    def test_the_registered_attendee_and_the_representative_connect(
        self, fair, booth, bob, alice, registration
    ):
        assert connects(self.path(fair), alice) == (True, None)
        assert connects(self.path(fair), bob) == (True, None)

    def test_anonymous_is_closed(self, fair, booth):
        assert connects(self.path(fair), None) == (False, DENIED)

    def test_a_trainee_not_registered_is_closed(self, fair, booth, alice, erin, registration):
        assert connects(self.path(fair), erin) == (False, DENIED)
        register(fair, erin)
        assert connects(self.path(fair), erin) == (True, None)

    def test_a_cancelled_registration_is_closed(self, fair, alice, registration):
        registration.cancelled_at = registration.created_at
        registration.save(update_fields=["cancelled_at"])
        assert connects(self.path(fair), alice) == (False, DENIED)

    def test_staff_of_another_center_is_closed(self, fair, booth, staff_of_another_center):
        assert connects(self.path(fair), staff_of_another_center) == (False, DENIED)

    def test_a_representative_at_another_fair_is_closed(self, center, booth, bob, charlie):
        from .conftest import make_booth, make_fair

        other_fair = make_fair(center, title="다른 박람회")
        make_booth(other_fair, charlie.company_memberships.get().company, reps=[charlie])
        assert connects(self.path(booth.fair), charlie) == (False, DENIED)
        assert connects(f"/ws/fairs/{other_fair.pk}/", charlie) == (True, None)

    def test_a_booth_not_yet_approved_gives_its_representative_nothing(self, fair, charlie):
        company = charlie.company_memberships.get().company
        booth = services.booth_request(fair=fair, company=company, by=charlie)
        services.representative_add(booth=booth, user=charlie, by=charlie)
        assert connects(self.path(fair), charlie) == (False, DENIED)

    def test_a_representative_hears_only_their_own_booth(
        self, fair, booth, other_booth, bob, charlie, alice, registration
    ):
        """Charlie represents another company's booth at the same fair: he connects, but
        alice joining bob's queue reaches bob alone."""
        bob_socket = socket(self.path(fair), bob)
        charlie_socket = socket(self.path(fair), charlie)

        async def scenario():
            from asgiref.sync import sync_to_async

            for communicator in (bob_socket, charlie_socket):
                connected, _ = await communicator.connect(timeout=WAIT)
                assert connected
            await sync_to_async(services.queue_join)(booth=booth, attendee=alice)
            bob_heard = await bob_socket.receive_json_from(timeout=WAIT)
            charlie_heard_nothing = await charlie_socket.receive_nothing(timeout=0.5)
            for communicator in (bob_socket, charlie_socket):
                await communicator.disconnect()
            return bob_heard, charlie_heard_nothing

        assert run(scenario) == ({"what": "queue"}, True)


class TestConversationSocket:
    def path(self, conversation) -> str:
        return f"/ws/fairs/conversations/{conversation.pk}/"

    def test_its_two_people_connect(self, conversation, alice, bob):
        assert connects(self.path(conversation), alice) == (True, None)
        assert connects(self.path(conversation), bob) == (True, None)

    def test_anonymous_is_closed(self, conversation):
        assert connects(self.path(conversation), None) == (False, DENIED)

    def test_another_registered_attendee_is_closed(self, fair, conversation, erin):
        register(fair, erin)
        assert connects(self.path(conversation), erin) == (False, DENIED)

    def test_a_representative_of_another_companys_booth_is_closed(
        self, conversation, other_booth, charlie
    ):
        assert connects(self.path(conversation), charlie) == (False, DENIED)

    def test_staff_of_another_center_is_closed(self, conversation, staff_of_another_center):
        assert connects(self.path(conversation), staff_of_another_center) == (False, DENIED)
