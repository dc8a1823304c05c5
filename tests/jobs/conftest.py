"""Jobs fixtures: a small jewelry skill taxonomy and bob's published posting."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jobs import services
from jobs.models import Posting
from skills.models import Skill, SkillCategory, TraineeSkill


@pytest.fixture
def skills(db):
    category = SkillCategory.objects.create(slug="making", name="제조·가공", name_en="Making")
    names = [
        ("왁스 카빙", "Wax carving"),
        ("주얼리 CAD", "Jewelry CAD"),
        ("보석 세팅", "Stone setting"),
        ("연마", "Polishing"),
        ("보석 감정", "Gem appraisal"),
    ]
    return {
        en: Skill.objects.create(category=category, name=ko, name_en=en, industry="주얼리")
        for ko, en in names
    }


def give_skill(user, skill, level, source="verified"):
    return TraineeSkill.objects.create(user=user, skill=skill, level=level, source=source)


def posting_data(**overrides):
    data = {
        "title": "귀금속 세공사",
        "description": "반지·목걸이 **세공** 업무",
        "employment_type": "full_time",
        "district": "jongno",
        "work_mode": "onsite",
        "salary_min": 30_000_000,
        "salary_max": 40_000_000,
        "deadline": timezone.localdate() + dt.timedelta(days=30),
    }
    data.update(overrides)
    return data


def publish(posting, staff):
    services.posting_submit(posting=posting, by=staff)
    return services.posting_approve(posting=posting, by=staff)


@pytest.fixture
def posting(bob, bob_company, dave, skills):
    posting = services.posting_create(
        company=bob_company,
        by=bob,
        data=posting_data(),
        skills=[
            {"skill": skills["Wax carving"].pk, "kind": "required", "min_level": 3},
            {"skill": skills["Stone setting"].pk, "kind": "required", "min_level": 2},
            {"skill": skills["Polishing"].pk, "kind": "preferred", "min_level": 2},
        ],
    )
    return publish(posting, dave)


@pytest.fixture
def draft(bob, bob_company, skills):
    return services.posting_create(
        company=bob_company,
        by=bob,
        data=posting_data(title="주조 기능공"),
        skills=[{"skill": skills["Polishing"].pk, "min_level": 2}],
    )


def pdf_upload(name="이력서.pdf", size=None):
    content = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    if size:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="ring.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "gold").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx_upload(name="resume.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def hwp_upload(name="이력서.hwp"):
    return SimpleUploadedFile(name, bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)


__all__ = [
    "Posting",
    "docx_upload",
    "give_skill",
    "hwp_upload",
    "pdf_upload",
    "png_upload",
    "posting_data",
    "publish",
]
