"""Conditional GET for anonymous visitors: ``ETag``/``Last-Modified`` derived from the data, a
``304 Not Modified`` when the visitor already holds the current version, and
``Cache-Control`` that never lets a shared cache keep a signed-in person's page.

Each data set has a *version* in the cache (``CACHES["default"]``, shared by every web
process: a file cache by default, Redis in production), replaced after every committed
change to the rows a page shows (``bump_after_commit``, wired by the owning app). A page's
validator is that version plus what else its representation depends on: the language, the
date in Korea (deadlines and D-days move at midnight) and, on HTML pages, the CSRF cookie the
page embeds (so a browser never revalidates a page holding another token). Answering a
revalidation costs one cache read and no database query.

HTML pages answer ``private, no-cache`` (a browser keeps the page and asks each time; a shared
cache must not keep a page with a CSRF token); the API answers ``public, no-cache`` (a shared
cache may keep it and must revalidate, so a change shows at once). Signed-in requests get
neither validator nor 304, and ``private, no-cache``.

An API answer's *data* is also kept (``html=False``): a visitor without the validator — most
first visits — gets the same data the last anonymous request for the same URL produced under
the same validator, without a query or a serializer. It is keyed by the validator and the
absolute URL (the links inside carry the host), so a change, a new day or another language
never meets an old answer; the representation (JSON, the browsable API) is still chosen per
request. Only answers read from the primary are kept (``core.replicas``): a replica may lag
behind the change the version stands for.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core import replicas

VERSION_KEY = "http-cache:version:{}"
VERSION_TTL = 30 * 24 * 3600
DATA_KEY = "http-cache:data:{}"
DATA_TTL = 3600  # an answer outlives its version only as an unreachable cache entry
KEEP_ANSWERS = True  # off only where a test counts what computing an answer costs


def data_version(namespace: str) -> int:
    """The current version of ``namespace``'s data: the time of its last change (ns)."""
    key = VERSION_KEY.format(namespace)
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        # another process may have set one meanwhile: keep whichever arrived first
        if not cache.add(key, version, VERSION_TTL):
            version = cache.get(key) or version
    return version


def bump(namespace: str) -> None:
    """A new version for ``namespace``: every validator built on the old one stops matching."""
    cache.set(VERSION_KEY.format(namespace), time.time_ns(), VERSION_TTL)


def bump_after_commit(namespace: str) -> None:
    """Bump once the change is committed, so no request can pair the new version with the
    old rows (a request between commit and bump pairs the old version with new rows, which
    the bump then corrects)."""
    transaction.on_commit(lambda: bump(namespace))


def _is_anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _validators(request, namespace: str, *, html: bool) -> tuple[str, int]:
    version = data_version(namespace)
    parts = [
        namespace,
        str(version),
        translation.get_language() or settings.LANGUAGE_CODE,
        timezone.localdate().isoformat(),
    ]
    if html:
        parts.append(request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()
    return quote_etag(digest), version // 1_000_000_000


def keep(key: str, value, timeout: int) -> None:
    """Cache ``value`` derived from the data under a data version, unless it was read from a
    replica (``core.replicas``), which may lag behind the change the version stands for."""
    if replicas.reading_from_primary():
        cache.set(key, value, timeout)


def _data_key(request, etag: str) -> str:
    digest = hashlib.blake2b(
        f"{etag}|{request.build_absolute_uri()}".encode(), digest_size=16
    ).hexdigest()
    return DATA_KEY.format(digest)


def _answer(view, args, kwargs, request, etag: str, *, keep_data: bool):
    """The view's response, or (``keep_data``) a DRF response made from the data kept for
    this validator and URL."""
    if not (keep_data and KEEP_ANSWERS):
        return view(*args, **kwargs)
    from rest_framework.response import Response

    key = _data_key(request, etag)
    data = cache.get(key)
    if data is not None:
        return Response(data)
    response = view(*args, **kwargs)
    if response.status_code == 200 and getattr(response, "data", None) is not None:
        keep(key, response.data, DATA_TTL)
    return response


def _private(response) -> None:
    patch_cache_control(response, private=True, no_cache=True)


def anonymous_conditional(namespace: str, *, html: bool = True) -> Callable:
    """Decorate a GET view (a function view, or a DRF handler method with ``html=False``) so
    anonymous visitors get validators and 304s on ``namespace``'s version."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            # a DRF handler method gets (self, request, ...); a function view (request, ...)
            request = args[1] if len(args) > 1 and hasattr(args[1], "method") else args[0]
            if request.method not in ("GET", "HEAD"):
                return view(*args, **kwargs)
            anonymous = _is_anonymous(request)
            # a flash message waiting for this page must be shown, not skipped by a 304
            if not anonymous or (html and len(messages.get_messages(request))):
                response = view(*args, **kwargs)
                _private(response)
                return response
            etag, modified = _validators(request, namespace, html=html)
            response = get_conditional_response(request, etag=etag, last_modified=modified)
            if response is None:
                response = _answer(view, args, kwargs, request, etag, keep_data=not html)
                if response.status_code != 200:
                    return response
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(modified))
            if html:
                _private(response)
            else:
                patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Cookie", "Authorization", "Accept-Language"])
            return response

        return wrapped

    return decorator
