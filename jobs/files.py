"""Checks for uploaded résumés: PDF, Word (DOCX) or Hangul (HWP/HWPX), at most 10 MB.

The checks themselves are shared (``core.uploads``: the type from the bytes, bounded work on
archives, safe names); this module keeps the résumé's rules and the names the jobs app uses.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from core import uploads

MAX_RESUME_BYTES = 10 * 1024 * 1024
MAX_NAME_CHARS = 100
RESUME_KINDS = ("pdf", "docx", "hwp", "hwpx")
CONTENT_TYPES = {kind: uploads.CONTENT_TYPES[kind] for kind in RESUME_KINDS}


def sniff_document_type(head: bytes, fileobj) -> str | None:
    """'pdf', 'docx', 'hwp' or 'hwpx' from the file's bytes, or None (an unsafe archive raises)."""
    kind = uploads.detect_kind(fileobj if fileobj is not None else io.BytesIO(head))
    return kind if kind in RESUME_KINDS else None


def clean_filename(name: str, kind: str) -> str:
    """A display name with no path, no control or reserved characters, of bounded length."""
    return uploads.clean_filename(name, kind, fallback="resume", max_chars=MAX_NAME_CHARS)


def validate_resume_upload(upload) -> tuple[str, str]:
    """Check an uploaded résumé; return (safe display name, content type) or raise ValidationError."""
    name, content_type, _kind = uploads.validate_document_upload(
        upload,
        kinds=RESUME_KINDS,
        max_bytes=MAX_RESUME_BYTES,
        field="resume_file",
        wrong_type=_(
            "Upload a PDF, Word (DOCX) or Hangul (HWP/HWPX) document. This file is none of them."
        ),
        too_large=_("The file is larger than 10 MB."),
        fallback_name="resume",
    )
    return name, content_type


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def validate_message_attachment(upload) -> tuple[str, str]:
    """Check a message attachment like a résumé (the same kinds, checked by content, 10 MB);
    return (safe display name, content type) or raise ValidationError on ``attachment``."""
    name, content_type, _kind = uploads.validate_document_upload(
        upload,
        kinds=RESUME_KINDS,
        max_bytes=MAX_ATTACHMENT_BYTES,
        field="attachment",
        wrong_type=_(
            "Attach a PDF, Word (DOCX) or Hangul (HWP/HWPX) document. "
            "This file is none of them, whatever its name says."
        ),
        too_large=_("The file is larger than 10 MB."),
        fallback_name="attachment",
    )
    return name, content_type
