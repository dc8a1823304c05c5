"""Checks for uploaded documents: the real type from the bytes, bounded work on archives, safe names.

Office formats (DOCX, XLSX, PPTX) and HWPX are ZIP archives. An archive is never unpacked
here: its type is told from its member names and at most ``ArchiveLimits.read_bytes`` of any
member, and before ``zipfile`` parses its directory the end record is read by hand, so a file
declaring a hundred thousand members or a directory of many megabytes is refused without
building one object per member. Archives whose declared sizes or compression ratios are
implausible (zip bombs), which hold too many members, other archives, encrypted members or
unusual compression methods are refused with a message in the person's language.

Apps choose the kinds they accept: ``validate_document_upload(upload, kinds=("pdf",), …)``.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# What each kind is, by content: the extension alone is never trusted.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
}

# The member that makes an Office Open XML package one kind or another.
_OOXML_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # HWP 5.x (and old Office) compound files
_ZIP_MAGIC = b"PK\x03\x04"
# Archives and compressed streams a document has no reason to carry inside it.
_NESTED_MAGICS = (
    _ZIP_MAGIC,
    b"PK\x05\x06",  # an empty ZIP
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",  # zstandard
)
_NESTED_SUFFIXES = (
    ".zip", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".tar", ".cab", ".jar",
    ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".hwpx", ".odt", ".ods", ".odp",
)  # fmt: skip
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')

# The ZIP end-of-central-directory records (APPNOTE 4.3.16, 4.3.14, 4.3.15).
_EOCD = struct.Struct("<4sHHHHIIH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sIQI")
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ZIP64_EOCD = struct.Struct("<4sQHHIIQQQQ")
_ZIP64_EOCD_SIGNATURE = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class ArchiveLimits:
    """What a document archive may declare. Real DOCX and HWPX files stay far below these."""

    max_members: int = 1000
    max_directory_bytes: int = 512 * 1024
    max_total_size: int = 100 * 1024 * 1024  # declared, uncompressed, all members together
    max_ratio: int = 100  # uncompressed ÷ compressed, for members above ``ratio_floor``
    ratio_floor: int = 256 * 1024  # small XML parts may compress better; they cannot add up to much
    read_bytes: int = 4096  # the most read of any one member


DEFAULT_LIMITS = ArchiveLimits()


class UnsafeArchive(ValidationError):
    """An archive refused for what it declares (size, ratio, members), not for its type."""


@dataclass(frozen=True)
class _Directory:
    members: int
    size: int


def _directory_of(fileobj: IO[bytes], length: int) -> _Directory | None:
    """The member count and directory size from the end record, read by hand; None if there is none.

    Found the way ``zipfile`` finds it (the last record within the longest possible comment),
    so the numbers checked here are the ones it would then act on.
    """
    tail_length = min(length, _EOCD.size + _MAX_COMMENT)
    fileobj.seek(length - tail_length)
    tail = fileobj.read(tail_length)
    position = tail.rfind(_EOCD_SIGNATURE)
    if position < 0 or len(tail) - position < _EOCD.size:
        return None
    _sig, _disk, _cd_disk, _here, members, size, _offset, _comment = _EOCD.unpack_from(
        tail, position
    )
    if members == 0xFFFF or size == 0xFFFFFFFF:
        # ZIP64: the real numbers are in the ZIP64 end record the locator points to.
        locator_at = position - _ZIP64_LOCATOR.size
        if locator_at < 0:
            return None
        sig, _disk, record_offset, _disks = _ZIP64_LOCATOR.unpack_from(tail, locator_at)
        if sig != _ZIP64_LOCATOR_SIGNATURE or record_offset + _ZIP64_EOCD.size > length:
            return None
        fileobj.seek(record_offset)
        record = fileobj.read(_ZIP64_EOCD.size)
        if len(record) < _ZIP64_EOCD.size:
            return None
        fields = _ZIP64_EOCD.unpack(record)
        if fields[0] != _ZIP64_EOCD_SIGNATURE:
            return None
        members, size = fields[7], fields[8]
    return _Directory(members=members, size=size)


def _refuse(message: str) -> UnsafeArchive:
    return UnsafeArchive(message, code="unsafe_archive")


def _too_many_parts(limits: ArchiveLimits) -> UnsafeArchive:
    return _refuse(
        _("This file holds too many parts (at most %(limit)s).") % {"limit": limits.max_members}
    )


def _password_protected() -> UnsafeArchive:
    return _refuse(_("This file is password-protected. Upload it without a password."))


def _unusual_packing() -> UnsafeArchive:
    return _refuse(_("This file is packed in a way documents are not. Save it again."))


def _nested_archive() -> UnsafeArchive:
    return _refuse(_("This file has another archive inside it. Upload the document itself."))


def _read_start(archive: zipfile.ZipFile, info: zipfile.ZipInfo, count: int) -> bytes:
    """The first ``count`` bytes of a member: ``zipfile`` inflates only about as much as it returns."""
    with archive.open(info) as member:
        return member.read(count)


def _check_members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: ArchiveLimits
) -> None:
    if len(infos) > limits.max_members:
        raise _too_many_parts(limits)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _password_protected()
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unusual_packing()
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise _refuse(
                _(
                    "Part of this file is compressed far more than documents are, as in a "
                    "“zip bomb”. It cannot be accepted."
                )
            )
        total += info.file_size
        if total > limits.max_total_size:
            raise _refuse(
                _("This file unpacks to more than %(limit)s MB and cannot be accepted.")
                % {"limit": limits.max_total_size // (1024 * 1024)}
            )
        if info.filename.lower().endswith(_NESTED_SUFFIXES):
            raise _nested_archive()
    for info in infos:
        if info.is_dir() or info.file_size == 0:
            continue
        head = _read_start(archive, info, 8)
        if head.startswith(_NESTED_MAGICS):
            raise _nested_archive()


def _archive_kind(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits) -> str | None:
    by_name = {info.filename: info for info in infos}
    if "[Content_Types].xml" in by_name:
        for part, kind in _OOXML_MAIN_PARTS.items():
            if part in by_name:
                return kind
    mimetype = by_name.get("mimetype")
    if mimetype is not None:
        declared = _read_start(archive, mimetype, min(64, limits.read_bytes))
        if declared.strip().lower() == b"application/hwp+zip":
            return "hwpx"
    if "Contents/section0.xml" in by_name and "Contents/content.hpf" in by_name:
        return "hwpx"
    return None


def inspect_archive(fileobj: IO[bytes], *, limits: ArchiveLimits = DEFAULT_LIMITS) -> str | None:
    """The kind of a ZIP-based document ('docx', 'xlsx', 'pptx', 'hwpx'), or None if it is none.

    Raises ``UnsafeArchive`` for what no document declares (see the module docstring). Reads the
    end record, the directory (bounded), and at most ``limits.read_bytes`` of a few members.
    """
    fileobj.seek(0, 2)
    length = fileobj.tell()
    directory = _directory_of(fileobj, length)
    if directory is None:
        return None
    if directory.members > limits.max_members or directory.size > limits.max_directory_bytes:
        raise _too_many_parts(limits)
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            _check_members(archive, infos, limits)
            return _archive_kind(archive, infos, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError):
        return None
    except NotImplementedError:
        raise _unusual_packing() from None
    except RuntimeError:  # an encrypted member zipfile would need a password for
        raise _password_protected() from None
    finally:
        fileobj.seek(0)


def detect_kind(fileobj: IO[bytes], *, limits: ArchiveLimits = DEFAULT_LIMITS) -> str | None:
    """'pdf', 'hwp', 'docx', 'xlsx', 'pptx' or 'hwpx' from the file's bytes, or None.

    Raises ``UnsafeArchive`` for a ZIP that declares what no document does.
    """
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2_MAGIC):
        return "hwp"
    if head.startswith(_ZIP_MAGIC):
        return inspect_archive(fileobj, limits=limits)
    return None


def clean_filename(name: str, kind: str, *, fallback: str = "file", max_chars: int = 100) -> str:
    """A display name with no path, no control or reserved characters, of bounded length."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem[: max_chars - 6].strip(" .") or fallback
    return f"{stem}.{kind}"


def validate_document_upload(
    upload,
    *,
    kinds: Collection[str],
    max_bytes: int,
    field: str,
    wrong_type: str,
    too_large: str,
    fallback_name: str = "file",
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> tuple[str, str, str]:
    """Check an uploaded document; return (safe display name, content type, kind).

    Raises ``ValidationError`` on ``field`` for a bad name, an empty or oversized file, a kind
    outside ``kinds`` (``wrong_type`` says which are accepted) or an unsafe archive.
    """
    name = getattr(upload, "name", "") or ""
    if len(name) > 150:
        raise ValidationError({field: _("The file name is too long (at most 150 characters).")})
    if _UNSAFE_NAME_CHARS.search(name.replace("/", "").replace("\\", "")) or re.search(
        r"[/\\]", name
    ):
        raise ValidationError({field: _("The file name contains characters that are not allowed.")})
    if upload.size > max_bytes:
        raise ValidationError({field: too_large})
    if upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    fileobj = upload.file if hasattr(upload, "file") else upload
    try:
        kind = detect_kind(fileobj, limits=limits)
    except UnsafeArchive as exc:
        raise ValidationError({field: exc.messages}) from None
    finally:
        upload.seek(0)
    if kind is None or kind not in kinds:
        raise ValidationError({field: wrong_type})
    return clean_filename(name, kind, fallback=fallback_name), CONTENT_TYPES[kind], kind
