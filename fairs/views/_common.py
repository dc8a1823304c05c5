"""What the fairs pages share: running one service and answering its refusal with a clear 4xx."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.exceptions import ConflictError


def refusal(request, error: ValidationError, back: str):
    """The page a refused action shows: the service's message, 409 for a conflict, else 400."""
    return render(
        request,
        "fairs/action_error.html",
        {"messages_list": error.messages, "back": back},
        status=409 if isinstance(error, ConflictError) else 400,
    )


def act(request, action: Callable, *, done: str, back: str, success: str | None = None):
    """Run ``action``; on success flash ``success`` and go to ``done``; on refusal answer 400/409."""
    try:
        action()
    except ValidationError as error:
        return refusal(request, error, back)
    if success:
        messages.success(request, success)
    if request.headers.get("HX-Request"):
        # htmx (the chat box): nothing to swap; the page refetches what changed.
        return HttpResponse(status=204, headers={"HX-Trigger": "fair:refresh"})
    return redirect(done)


def form_refusal(request, form, back: str):
    """A form that did not parse, answered like a refused action (400 with its messages)."""
    return refusal(
        request, ValidationError([e for errors in form.errors.values() for e in errors]), back
    )
