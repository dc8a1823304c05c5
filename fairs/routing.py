"""WebSocket routes of the fairs (mounted by config/asgi.py)."""

from django.urls import path

from .consumers import ConversationConsumer, FairConsumer

websocket_urlpatterns = [
    path("ws/fairs/<int:fair_id>/", FairConsumer.as_asgi()),
    path("ws/fairs/conversations/<int:conversation_id>/", ConversationConsumer.as_asgi()),
]
