"""Checks for uploaded résumés: the real type from the bytes, the size, and a safe display name."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_RESUME_BYTES = 10 * 1024 * 1024
MAX_NAME_CHARS = 100

# What each accepted type is, by content: the extension alone is never trusted.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
}
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def sniff_document_type(head: bytes, fileobj) -> str | None:
    """'pdf', 'docx', 'hwp' or 'hwpx' from the file's bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2_MAGIC):
        return "hwp"  # HWP 5.x is an OLE2 compound file
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:64] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return None
        finally:
            fileobj.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if b"hwp" in mimetype.lower() or "Contents/section0.xml" in names:
            return "hwpx"
    return None


def clean_filename(name: str, kind: str) -> str:
    """A display name with no path, no control or reserved characters, of bounded length."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem[: MAX_NAME_CHARS - 6].strip(" .") or "resume"
    return f"{stem}.{kind}"


def validate_resume_upload(upload) -> tuple[str, str]:
    """Check an uploaded résumé; return (safe display name, content type) or raise ValidationError."""
    name = getattr(upload, "name", "") or ""
    if len(name) > 150:
        raise ValidationError(
            {"resume_file": _("The file name is too long (at most 150 characters).")}
        )
    if (
        _UNSAFE_NAME_CHARS.search(name.replace("/", "").replace("\\", ""))
        or "/" in name
        or "\\" in name
    ):
        raise ValidationError(
            {"resume_file": _("The file name contains characters that are not allowed.")}
        )
    if upload.size > MAX_RESUME_BYTES:
        raise ValidationError({"resume_file": _("The file is larger than 10 MB.")})
    if upload.size == 0:
        raise ValidationError({"resume_file": _("The file is empty.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    fileobj = upload.file if hasattr(upload, "file") else io.BytesIO(upload.read())
    kind = sniff_document_type(head, fileobj)
    upload.seek(0)
    if kind is None:
        raise ValidationError(
            {
                "resume_file": _(
                    "Upload a PDF, Word (DOCX) or Hangul (HWP/HWPX) document. This file is none of them."
                )
            }
        )
    return clean_filename(name, kind), CONTENT_TYPES[kind]
