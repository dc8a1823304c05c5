import pytest
from django.core.exceptions import ImproperlyConfigured

from core.video import ALPHABET, new_room_token, room_url


def test_room_tokens_are_long_distinct_and_url_safe():
    tokens = {new_room_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 20 and set(t) <= set(ALPHABET) for t in tokens)


def test_room_url_follows_the_template(settings):
    settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/{token}"
    assert room_url("abc234") == "https://meet.example.org/abc234"


def test_a_template_without_token_is_a_configuration_error(settings):
    settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/room"
    with pytest.raises(ImproperlyConfigured):
        room_url("abc")
