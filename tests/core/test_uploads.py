"""Uploaded documents: the type from the bytes, and archives that cannot make the server unpack them."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core import uploads
from core.uploads import UnsafeArchive, detect_kind, validate_document_upload

from .zips import MB, Member, build, deflated, deflated_zeros, docx, hostile_docx, stored


def kind_of(data: bytes) -> str | None:
    return detect_kind(io.BytesIO(data))


def refusal(data: bytes) -> str:
    with pytest.raises(UnsafeArchive) as exc, translation.override("en"):
        detect_kind(io.BytesIO(data))
    return " ".join(exc.value.messages)


class TestKinds:
    def test_it_tells_office_and_hangul_documents_by_their_parts(self):
        assert kind_of(docx()) == "docx"
        types = deflated("[Content_Types].xml", b"<Types/>")
        assert kind_of(build([types, deflated("xl/workbook.xml", b"<workbook/>")])) == "xlsx"
        assert kind_of(build([types, deflated("ppt/presentation.xml", b"<p/>")])) == "pptx"
        hwpx = build([stored("mimetype", b"application/hwp+zip"), deflated("Contents/a.xml", b"x")])
        assert kind_of(hwpx) == "hwpx"

    def test_it_tells_pdf_and_hwp_by_their_signature(self):
        assert kind_of(b"%PDF-1.7\n%%EOF") == "pdf"
        assert kind_of(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)) == "hwp"

    def test_a_zip_that_is_no_document_is_no_kind(self):
        assert kind_of(build([deflated("notes.txt", b"hello")])) is None
        assert kind_of(b"PK\x03\x04 truncated") is None
        assert kind_of(b"MZ\x90\x00") is None


class TestArchiveLimits:
    def test_it_refuses_a_zip_bomb_without_inflating_it(self):
        bomb = docx(deflated_zeros("word/media/image1.png", 2000))  # 2 KB declaring 2 GB
        tracemalloc.start()
        try:
            message = refusal(bomb)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert "zip bomb" in message
        assert peak < 5 * MB

    def test_it_refuses_too_many_members_declared_before_reading_the_directory(self):
        honest = docx()
        lying = build(
            [deflated("[Content_Types].xml", b"<Types/>"), deflated("word/document.xml", b"x")],
            declared_count=60000,
        )
        assert kind_of(honest) == "docx"
        assert "too many parts" in refusal(lying)

    def test_it_refuses_too_many_real_members(self):
        many = docx(*(stored(f"word/part{i}.xml", b"<p/>") for i in range(1001)))
        assert "too many parts" in refusal(many)

    def test_it_refuses_an_implausible_total_size(self):
        # each part alone is small enough to pass the ratio check; together they declare 150 MB
        parts = [Member(f"word/p{i}.xml", b"x" * 3000, 250 * 1024) for i in range(600)]
        assert "more than 100 MB" in refusal(docx(*parts))

    def test_it_refuses_an_archive_inside_the_document(self):
        inner = docx()
        by_name = docx(stored("word/embeddings/sheet.xlsx", b"not really"))
        by_content = docx(stored("word/media/image1.png", inner))
        assert "another archive" in refusal(by_name)
        assert "another archive" in refusal(by_content)

    def test_it_refuses_encrypted_and_unusual_compression(self):
        encrypted = docx(Member("word/secret.xml", b"\x00" * 20, 8, method=0, flags=0x1))
        bzip2 = docx(Member("word/styles.xml", b"BZh91AY&SY", 10, method=12))
        assert "password" in refusal(encrypted)
        assert "packed in a way" in refusal(bzip2)

    def test_small_parts_may_compress_well(self):
        # a short, repetitive XML part compresses far beyond 100:1 and is still a document
        assert kind_of(docx(deflated("word/styles.xml", b"<w:style/>" * 20000))) == "docx"


class TestValidateDocumentUpload:
    def check(self, data: bytes, name: str = "문서.docx", kinds=("pdf", "docx")):
        return validate_document_upload(
            SimpleUploadedFile(name, data),
            kinds=kinds,
            max_bytes=10 * MB,
            field="attachment",
            wrong_type="wrong type",
            too_large="too large",
        )

    def test_it_returns_a_safe_name_the_content_type_and_the_kind(self):
        name, content_type, kind = self.check(docx(), name="../../내 이력서.pdf")
        assert (name, kind) == ("내 이력서.docx", "docx")
        assert content_type == uploads.CONTENT_TYPES["docx"]

    def test_it_refuses_a_kind_the_caller_does_not_accept(self):
        with pytest.raises(ValidationError) as exc:
            self.check(docx(), kinds=("pdf",))
        assert exc.value.message_dict == {"attachment": ["wrong type"]}

    def test_an_unsafe_archive_is_an_error_on_the_field_in_korean(self):
        with pytest.raises(ValidationError) as exc, translation.override("ko"):
            self.check(hostile_docx(1))
        [message] = exc.value.message_dict["attachment"]
        assert "압축" in message
