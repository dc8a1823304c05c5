"""Private calendar feeds: made, replaced or turned off by their owner, read by calendar apps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import selectors, services
from ..ics import booking_calendar


@never_cache
@login_required
def calendar_feed(request):
    """Create, replace or turn off one's private calendar feed. The URL is shown only once."""
    feed_url = None
    if request.method == "POST":
        if "revoke" in request.POST:
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar feed is off. The old link no longer works."))
            return redirect("consulting:calendar_feed")
        raw = services.calendar_feed_regenerate(user=request.user)
        feed_url = request.build_absolute_uri(reverse("consulting:feed", args=[raw]))
    return render(
        request,
        "consulting/calendar_feed.html",
        {"feed_url": feed_url, "has_feed": selectors.has_calendar_feed(request.user)},
    )


@require_GET
def feed(request, token: str):
    """A private ICS feed: the token is the only key, so it is long, hashed at rest and revocable."""
    user = selectors.calendar_feed_user(token)
    if user is None:
        raise Http404
    calendar = booking_calendar(
        selectors.bookings_for_feed(user), method="PUBLISH", viewer=user, name=_("Consultations")
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
