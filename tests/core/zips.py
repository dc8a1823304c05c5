"""Hand-built ZIP archives for upload tests: what ``zipfile`` would refuse to write.

``deflated_zeros`` makes a gigabyte-scale member in milliseconds: after a full flush the
compressor starts afresh, so every further megabyte of zeros compresses to the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass
class Member:
    name: str
    data: bytes  # as stored in the archive (already compressed when ``method`` is 8)
    size: int  # the uncompressed size declared in the headers
    method: int = 8
    crc: int = 0
    flags: int = 0


def stored(name: str, content: bytes) -> Member:
    return Member(name, content, len(content), method=0, crc=zlib.crc32(content))


def deflated(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Member(name, data, len(content), crc=zlib.crc32(content))


def deflated_zeros(name: str, megabytes: int) -> Member:
    """A member that inflates to ``megabytes`` MB of zeros, about 1 KB per MB (CRC left wrong)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = first + repeat * (megabytes - 1) + compressor.flush()
    return Member(name, data, megabytes * MB)


def build(members: list[Member], *, declared_count: int | None = None) -> bytes:
    """The archive: local headers and data, the central directory, the end record."""
    out = bytearray()
    directory = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, m.flags, m.method, 0, 0x21,
            m.crc, len(m.data), m.size, len(name), 0,
        )  # fmt: skip
        out += name + m.data
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, m.flags, m.method, 0, 0x21,
            m.crc, len(m.data), m.size, len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += name
    count = len(members) if declared_count is None else declared_count
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, count & 0xFFFF, count & 0xFFFF,
        len(directory), len(out), 0,
    )  # fmt: skip
    return bytes(out + directory + end)


def docx(*extra: Member) -> bytes:
    """A minimal, honest DOCX, with ``extra`` members."""
    return build(
        [
            deflated("[Content_Types].xml", b"<Types/>" * 20),
            deflated("word/document.xml", b"<w:document>" + b"<w:p/>" * 500 + b"</w:document>"),
            *extra,
        ]
    )


def hostile_docx(total_megabytes: int = 10) -> bytes:
    """About ``total_megabytes`` MB on disk, declaring about 3 GB in each of three bombs.

    The bombs sit where a type check looks: ``mimetype`` (HWPX), ``[Content_Types].xml`` and
    ``word/document.xml`` (DOCX). Each stays under 4 GiB so no ZIP64 record is needed.
    """
    per_member = (total_megabytes * MB) // 3
    chunk = len(deflated_zeros("x", 2).data) - len(deflated_zeros("x", 1).data)
    megabytes = min(per_member // chunk, 4095)
    return build(
        [
            deflated_zeros("mimetype", megabytes),
            deflated_zeros("[Content_Types].xml", megabytes),
            deflated_zeros("word/document.xml", megabytes),
        ]
    )
