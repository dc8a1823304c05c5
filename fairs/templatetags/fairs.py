"""Template helpers of the fairs pages."""

from django import template

from core.video import room_url as build_room_url

register = template.Library()


@register.filter
def room_url(token: str) -> str:
    """The video room link for a stored token (built when shown, from the current template)."""
    return build_room_url(token) if token else ""
