"""The shared PDF renderer: Korean text with the shipped font, and a fetcher that stays home."""

from __future__ import annotations

import base64
import io
import logging

import pytest
from django.utils import translation
from pypdf import PdfReader

from core.pdf import (
    PdfResourceRefused,
    StaticOnlyURLFetcher,
    qr_svg_data_uri,
    render_pdf,
    render_pdf_html,
)

KOREAN = "위 사람은 주얼리 디자인 기초 과정을 수료하였으므로 이 증서를 수여합니다."


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    """Base names of every font embedded in the document, without the subset prefix."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            base = str(ref.get_object()["/BaseFont"]).lstrip("/")
            names.add(base.split("+", 1)[-1])
    return names


class TestRenderPdf:
    def test_it_renders_korean_text_with_pretendard(self):
        pdf = render_pdf_html(f"<h1>수료증</h1><p>{KOREAN}</p>")

        assert pdf.startswith(b"%PDF-")
        text = pdf_text(pdf)
        assert "수료증" in text
        assert "주얼리 디자인 기초 과정을 수료하였으므로" in text
        fonts = pdf_fonts(pdf)
        # Only the shipped font: no fallback to whatever the machine has (Noto CJK, DejaVu).
        assert fonts == {"Pretendard", "Pretendard-Bold"}

    def test_it_renders_a_django_template(self):
        pdf = render_pdf("pdf/base.html", {})
        assert pdf.startswith(b"%PDF-")

    def test_every_pdf_is_tagged_with_the_language_it_is_rendered_in(self):
        with translation.override("en"):
            pdf = render_pdf("pdf/base.html", {})
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert str(root["/Lang"]) == "en"

    def test_it_embeds_a_generated_qr_code(self, caplog):
        uri = qr_svg_data_uri("https://example.org/verify/abc/")
        assert uri.startswith("data:image/svg+xml")

        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            pdf = render_pdf_html(
                f'<html lang="ko"><p>QR</p><img src="{uri}" alt="확인용 QR 코드"></html>'
            )

        assert pdf.startswith(b"%PDF-")
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


class TestStaticOnlyFetcher:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:1/x.png",
            "https://example.org/logo.png",
            "file:///etc/passwd",
            "ftp://example.org/x",
            "https://pdf-assets.invalid/static/../config/settings/base.py",
            "https://pdf-assets.invalid/static/%2e%2e/config/settings/base.py",
            "https://pdf-assets.invalid/etc/passwd",
            "https://pdf-assets.invalid/static/css/missing.css",
            "data:text/html,<script>x</script>",
        ],
    )
    def test_it_refuses_anything_but_our_static_files(self, url):
        with pytest.raises(PdfResourceRefused):
            StaticOnlyURLFetcher().fetch(url)

    def test_it_refuses_large_data_uris(self):
        big = base64.b64encode(b"\0" * (300 * 1024)).decode()
        with pytest.raises(PdfResourceRefused):
            StaticOnlyURLFetcher().fetch(f"data:image/png;base64,{big}")

    def test_it_serves_static_files_through_the_finders(self):
        response = StaticOnlyURLFetcher().fetch("https://pdf-assets.invalid/static/css/pdf.css")
        assert response.content_type == "text/css"
        assert b"Pretendard" in response.read()

    def test_it_logs_refusals_and_still_renders(self, caplog):
        html = (
            f"<p>{KOREAN}</p>"
            '<img src="http://127.0.0.1:1/x.png" alt="">'
            '<img src="file:///etc/passwd" alt="">'
            '<link rel="stylesheet" href="/static/../config/settings/base.py">'
        )
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            pdf = render_pdf_html(html)

        assert "수료하였으므로" in pdf_text(pdf)
        logged = caplog.text
        assert "http://127.0.0.1:1/x.png" in logged
        assert "file:///etc/passwd" in logged
        assert "PdfResourceRefused" in logged
        assert b"root:" not in pdf


class TestKeepWords:
    def test_it_wraps_each_word_and_escapes(self):
        from django.template import Context, Template

        html = Template("{% load pdf_text %}{{ text|keep_words }}").render(
            Context({"text": "귀금속 <세공> & 연마"})
        )

        assert html == (
            '<span class="kw">귀금속</span> <span class="kw">&lt;세공&gt;</span> '
            '<span class="kw">&amp;</span> <span class="kw">연마</span>'
        )

    def test_it_does_not_escape_twice(self):
        from django.template import Context, Template

        template = Template(
            "{% load i18n pdf_text %}{% blocktranslate with x=text asvar body %}A {{ x }}{% endblocktranslate %}"
            "{{ body|keep_words }}"
        )
        assert "&amp;amp;" not in template.render(Context({"text": "R&D"}))
