"""The accessibility statement (접근성 정책): public, in Korean and English, linked from every page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import CenterFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("language", "name", "report"),
    [("ko", "접근성 정책", "장벽 신고"), ("en", "Accessibility statement", "Report a barrier")],
)
def test_the_statement_reads_in_both_languages(client, settings, language, name, report):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@example.org"
    CenterFactory(name="서울주얼리지원센터", name_en="Seoul Jewelry Center", phone="02-1234-5678")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("accessibility"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert _title(html) == f"{name} | {settings.SITE_NAME}"
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(rf"<h1>\s*{name}\s*</h1>", html)
    assert "(KWCAG) 2.2" in html and "(WCAG) 2.1" in html
    assert report in html
    assert 'href="mailto:access@example.org"' in html
    assert 'href="tel:0212345678"' in html


def test_every_page_links_to_it_from_the_footer(client):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('<footer class="site-footer"') :]
    assert f'href="{reverse("accessibility")}"' in footer


def test_it_says_what_is_checked_in_korean(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    html = client.get(reverse("accessibility")).content.decode()
    assert "200%로 확대한 데스크톱 창" in html
    assert "한국어와 영어로, 휴대전화와 데스크톱 너비에서" in html
    assert "키보드만으로 회원가입, 수강 신청, 상담 예약" in html
    assert "44픽셀" in html
