"""The one PDF renderer of the platform (certificates, résumés, summaries, reports).

Templates are rendered by Django and laid out by WeasyPrint with the Pretendard
font shipped in ``static/vendor/pretendard/`` (OFL), so Korean comes out right
on a server without any Korean system font. WeasyPrint may fetch only our own
static files and the small ``data:`` images we generate (QR codes): anything
else (network, ``file://``, other schemes) is refused, so a template or a
user-supplied string can never make the server read a local file or call out.
"""

from __future__ import annotations

import base64
import logging
import posixpath
import threading
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative and root-relative URLs in PDF templates resolve against this origin.
# ``.invalid`` is reserved (RFC 2606) and never resolves, and the fetcher below
# answers it from the static files finders without any network access.
INTERNAL_ORIGIN = "https://pdf-assets.invalid"

# The stylesheet every PDF gets: @font-face for Pretendard and sane defaults.
BASE_STYLESHEET = "css/pdf.css"

# ``data:`` URIs are only for the images we generate ourselves (QR codes).
DATA_URI_MAX_BYTES = 256 * 1024
DATA_URI_TYPES = {"image/png", "image/svg+xml", "image/jpeg", "image/gif", "image/webp"}

STATIC_CONTENT_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


class PdfResourceRefused(ValueError):
    """A PDF template asked for something outside the project's own static files."""


def _static_path(name: str) -> str | None:
    """Absolute file path of the static file ``name``, or None."""
    name = posixpath.normpath(unquote(name)).lstrip("/")
    if not name or name.startswith("..") or "\x00" in name:
        return None
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    if found:
        return found[0] if isinstance(found, list) else found
    # After collectstatic with a manifest storage, ``{% static %}`` gives hashed names
    # that only exist in STATIC_ROOT.
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    return None


def _fetch_data_uri(url: str) -> URLFetcherResponse:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise PdfResourceRefused("PDF: malformed data: URI refused")
    parts = header.split(";")
    media_type = (parts[0] or "text/plain").strip().lower()
    if media_type not in DATA_URI_TYPES:
        raise PdfResourceRefused(f"PDF: data: URI of type {media_type!r} refused")
    if len(payload) > DATA_URI_MAX_BYTES * 4 // 3 + 4:
        raise PdfResourceRefused("PDF: data: URI too large, refused")
    if "base64" in parts[1:]:
        try:
            body = base64.b64decode(payload, validate=True)
        except ValueError as exc:
            raise PdfResourceRefused("PDF: invalid base64 in data: URI") from exc
    else:
        body = unquote(payload).encode()
    if len(body) > DATA_URI_MAX_BYTES:
        raise PdfResourceRefused("PDF: data: URI too large, refused")
    return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})


class StaticOnlyURLFetcher(URLFetcher):
    """Serve the project's static files and small generated images; refuse everything else.

    Refusals raise :class:`PdfResourceRefused`; WeasyPrint logs them as warnings and
    leaves the resource out, so a bad URL never breaks the document nor leaks.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return _fetch_data_uri(url)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if origin == INTERNAL_ORIGIN and parts.path.startswith(static_prefix):
            name = parts.path[len(static_prefix) :]
            path = _static_path(name)
            if path is None:
                raise PdfResourceRefused(f"PDF: static file not found: {name}")
            content_type = STATIC_CONTENT_TYPES.get(posixpath.splitext(path)[1].lower())
            if content_type is None:
                raise PdfResourceRefused(f"PDF: static file type not allowed: {name}")
            with open(path, "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
        raise PdfResourceRefused(f"PDF: refused to fetch {url[:200]}")


def _internal_url(path: str) -> str:
    return INTERNAL_ORIGIN + "/" + path.lstrip("/")


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, kept for the life of the process.

    A new one per render left its fontconfig and Pango state behind: a Celery worker grew by
    about 0.25 MB a render (261 MB to 505 MB over 1,000 certificates, ``bench_worker_memory``)
    and each render paid for loading the fonts again (about 3× the time). Kept, the worker
    stays flat. Per thread because WeasyPrint does not say it is thread-safe.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def render_pdf_html(html: str, *, base_url: str | None = None, tagged: bool = True) -> bytes:
    """Lay out an HTML string as PDF with the shipped fonts and the static-only fetcher.

    ``tagged`` writes a tagged PDF (its structure for screen readers); the language (``<html
    lang>``) and the title (``<title>``) are in every PDF's catalog and metadata.
    """
    fetcher = StaticOnlyURLFetcher()
    font_config = _font_config()
    base = _internal_url(base_url or "/")
    base_css = CSS(
        url=_internal_url(settings.STATIC_URL + BASE_STYLESHEET),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    document = HTML(string=html, base_url=base, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[base_css], font_config=font_config, pdf_tags=tagged)


def render_pdf(
    template_name: str, context: dict, *, base_url: str | None = None, tagged: bool = True
) -> bytes:
    """Render a Django template to PDF bytes.

    ``base_url`` is a site path (default ``/``) that relative URLs in the template
    resolve against; ``{% static %}`` URLs work as they are.
    """
    html = render_to_string(
        template_name,
        {
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            # <html lang> of the document, so a tagged PDF says which language it is in
            # (an English certificate said Korean: there is no request context here)
            "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
            **context,
        },
    )
    return render_pdf_html(html, base_url=base_url, tagged=tagged)


def qr_svg_data_uri(content: str, *, scale: int = 4, border: int = 1) -> str:
    """A QR code for ``content`` as an SVG ``data:`` URI, for PDFs and pages alike."""
    qr = segno.make(content, error="m", micro=False)
    return qr.svg_data_uri(scale=scale, border=border, dark="#111", light="#fff")
