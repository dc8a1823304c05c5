"""Request throttling for public endpoints that could be enumerated, with django-ratelimit.

django-ratelimit counts hits in fixed windows on the Django cache, with an atomic
``add``/``incr``. That cache is the one every web process shares (Redis in
production), so a limit holds across workers. The API has DRF's throttles on the
same cache as well (``REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]``).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_ip(request) -> str:
    """The client's address: with N trusted proxies, the Nth X-Forwarded-For entry from the right.

    Entries further left are whatever the client sent and cannot be trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote or "unknown"


def _client_key(_group: str, request) -> str:
    return client_ip(request)


def is_limited(request, scope: str, *, limit: int, period: int) -> bool:
    """Count a hit from this request's client for ``scope``; True when over ``limit`` per ``period`` s."""
    return is_ratelimited(
        request, group=scope, key=_client_key, rate=(limit, period), increment=True
    )
