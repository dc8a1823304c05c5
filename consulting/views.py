"""Pages for booking and running consultations."""

from __future__ import annotations

from django.http import Http404


def index(request):
    raise Http404


def booking_detail(request, booking_id: int):
    raise Http404


def workspace_booking(request, booking_id: int):
    raise Http404
