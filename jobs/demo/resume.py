"""Demo résumés (이력서) for the demo trainees: photo, address, 학력, 경력, 자격증, 어학, 자기소개.

Written through the services, so the demo data passes the same checks as a person's own input
(dates, lengths, the photo re-encoded). Jewelry-industry careers in Korean, with one trainee
who writes in English. The photos are drawn here: plain silhouettes, nobody's face.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from accounts.models import User
from core.seeding import Demo

from .. import services
from ..models import EducationEntry

D = dt.date

# email → (address, introduction, education, work, licences, languages)
RESUMES: dict[str, dict] = {
    "minji.kim@example.com": {
        "address": "서울 종로구",
        "introduction": (
            "시각디자인을 전공하고 주얼리 브랜드에서 2년간 상품 기획을 도왔습니다. 종로 "
            "주얼리센터의 디자인 과정을 수료하며 스케치에서 3D 모델링까지 한 흐름으로 "
            "작업하는 법을 익혔습니다. 착용하는 사람의 일상을 먼저 생각하는 디자이너가 "
            "되고 싶습니다."
        ),
        "education": [
            (
                "한양여자대학교",
                "시각디자인과",
                "associate",
                "graduated",
                D(2017, 3, 2),
                D(2020, 2, 14),
            ),
        ],
        "work": [
            (
                "(주)로즈골드주얼리",
                "상품기획 보조",
                D(2020, 3, 2),
                D(2022, 4, 29),
                "시즌 컬렉션 시장 조사, 샘플 발주 관리, 온라인 상세페이지 기획",
            ),
        ],
        "licenses": [
            ("귀금속가공기능사", "한국산업인력공단", D(2023, 6, 30), "23-301245"),
            ("컴퓨터그래픽스운용기능사", "한국산업인력공단", D(2019, 8, 23), ""),
        ],
        "languages": [("영어", "conversational", "TOEIC Speaking", "IM2", D(2024, 3, 16))],
    },
    "doyun.lee@example.com": {
        "address": "서울 중구",
        "introduction": (
            "왁스 카빙과 캐스팅을 3년째 배우고 있습니다. 공방에서 주물 불량을 줄이는 "
            "스프루 배치를 맡아 불량률을 절반 가까이 낮춘 경험이 있습니다. 손이 빠르기보다 "
            "정확한 기능인이 목표입니다."
        ),
        "education": [
            (
                "서울공업고등학교",
                "귀금속공예과",
                "high_school",
                "graduated",
                D(2015, 3, 2),
                D(2018, 2, 9),
            ),
        ],
        "work": [
            (
                "종로금은세공",
                "주조 보조",
                D(2019, 1, 7),
                D(2021, 12, 31),
                "왁스 트리 제작, 매몰·주조, 주물 후처리",
            ),
            (
                "청계주얼리공방",
                "왁스 카버",
                D(2022, 2, 3),
                None,
                "반지·펜던트 원형 왁스 조각, 주조 의뢰 관리",
            ),
        ],
        "licenses": [("귀금속가공기능사", "한국산업인력공단", D(2018, 8, 31), "18-220871")],
        "languages": [],
    },
    "seojun.park@example.com": {
        "address": "경기 고양시",
        "introduction": (
            "화학을 전공하며 광물에 관심을 갖게 되었고, 보석 감정 과정을 통해 "
            "유색석 감별과 다이아몬드 등급 판정을 익혔습니다. 정확한 감정서로 "
            "고객의 신뢰를 지키는 감정사가 되겠습니다."
        ),
        "education": [
            ("강원대학교", "화학과", "bachelor", "graduated", D(2016, 3, 2), D(2022, 2, 18)),
        ],
        "work": [
            (
                "한국보석감정원(인턴)",
                "감정 보조",
                D(2023, 7, 3),
                D(2023, 12, 29),
                "접수 석 세척·계측, 굴절률 측정 기록",
            ),
        ],
        "licenses": [
            ("보석감정기능사", "한국산업인력공단", D(2024, 9, 6), "24-410032"),
            ("보석감정산업기사", "한국산업인력공단", D(2025, 11, 28), ""),
        ],
        "languages": [("영어", "business", "TOEIC", "865", D(2023, 5, 28))],
    },
    "jiwoo.choi@example.com": {
        "address": "서울 성북구",
        "introduction": (
            "Rhino와 MatrixGold로 반지와 귀걸이를 모델링하고 3D 프린팅 출력까지 직접 "
            "해 왔습니다. 제작 현장에서 바로 쓰이는 파일을 만드는 CAD 디자이너를 "
            "지망합니다."
        ),
        "education": [
            (
                "서울과학기술대학교",
                "금속공예디자인학과",
                "bachelor",
                "expected",
                D(2022, 3, 2),
                D(2027, 2, 19),
            ),
        ],
        "work": [
            (
                "(주)세운주얼리",
                "CAD 디자인 인턴",
                D(2025, 7, 1),
                D(2025, 8, 29),
                "웨딩 밴드 모델링 12종, 출력물 검수",
            ),
        ],
        "licenses": [("3D프린터운용기능사", "한국산업인력공단", D(2024, 12, 20), "24-P03318")],
        "languages": [
            ("영어", "conversational", "", "", None),
            ("일본어", "basic", "JLPT", "N3", D(2023, 12, 3)),
        ],
    },
    "yerin.jung@example.com": {
        "address": "서울 성동구",
        "introduction": (
            "성수동 수제화 공방에서 패턴과 재단을 배우고 있습니다. 발에 맞는 구두를 "
            "만드는 일에서 보람을 느낍니다."
        ),
        "education": [
            (
                "한국폴리텍대학 서울강서캠퍼스",
                "패션디자인과",
                "associate",
                "graduated",
                D(2019, 3, 4),
                D(2021, 2, 19),
            ),
        ],
        "work": [
            ("성수슈즈랩", "패턴 보조", D(2021, 4, 1), None, "라스트 측정, 패턴 수정, 가죽 재단")
        ],
        "licenses": [("신발류제조기능사", "한국산업인력공단", D(2022, 6, 24), "")],
        "languages": [],
    },
    "hajun.kang@example.com": {
        "address": "서울 동대문구",
        "introduction": "주얼리 온라인 쇼핑몰 창업을 준비하며 제작과 판매를 함께 배우고 있습니다.",
        "education": [
            ("경희대학교", "경영학과", "bachelor", "dropped", D(2014, 3, 3), D(2016, 6, 21)),
        ],
        "work": [
            (
                "(주)스마트스토어랩",
                "MD",
                D(2017, 3, 6),
                D(2023, 10, 31),
                "액세서리 카테고리 소싱, 프로모션 기획, 매출 관리",
            ),
        ],
        "licenses": [("전자상거래관리사 2급", "대한상공회의소", D(2018, 11, 30), "")],
        "languages": [("영어", "business", "OPIc", "IH", D(2022, 9, 17))],
    },
    "ga-eun.song@example.com": {
        "address": "서울 종로구",
        "introduction": (
            "I moved to Seoul from Vancouver in 2021 and trained as a jewelry CAD designer at the "
            "Jongno center. I model rings and pendants in Rhino and MatrixGold, print resin "
            "prototypes, and work with setters to keep stones secure. 한국어로 업무 소통이 "
            "가능합니다."
        ),
        "education": [
            (
                "Emily Carr University of Art + Design",
                "Industrial Design",
                "bachelor",
                "graduated",
                D(2014, 9, 2),
                D(2018, 4, 27),
            ),
        ],
        "work": [
            (
                "Northern Lights Jewellery (Vancouver)",
                "Junior CAD Designer",
                D(2018, 6, 4),
                D(2021, 3, 31),
                "Custom engagement rings in Rhino, client renderings, resin prints for casting",
            ),
            (
                "(주)미소주얼리",
                "CAD 디자이너",
                D(2022, 1, 10),
                None,
                "웨딩 라인 모델링, 해외 바이어 대응",
            ),
        ],
        "licenses": [("귀금속가공기능사", "한국산업인력공단", D(2023, 9, 1), "23-118902")],
        "languages": [
            ("English", "native", "", "", None),
            ("한국어", "business", "TOPIK", "5급", D(2022, 10, 16)),
        ],
    },
    "tae-yang.ryu@example.com": {
        "address": "서울 종로구",
        "introduction": (
            "세공 경력 6년 차입니다. 물림 세팅과 파베 세팅을 주로 하며, 납기를 지키는 "
            "작업 습관을 자부합니다."
        ),
        "education": [
            (
                "한국주얼리직업전문학교",
                "귀금속세공과",
                "other",
                "completed",
                D(2016, 3, 2),
                D(2017, 2, 17),
            ),
        ],
        "work": [
            (
                "종로귀금속상사",
                "세공사",
                D(2017, 3, 6),
                D(2020, 12, 31),
                "반지 사이즈 조정, 땜, 광택",
            ),
            (
                "봉익동 세팅공방",
                "세팅 기능공",
                D(2021, 1, 4),
                None,
                "물림·파베 세팅, 다이아몬드 밴드 작업",
            ),
        ],
        "licenses": [
            ("귀금속가공기능사", "한국산업인력공단", D(2017, 6, 30), "17-101553"),
            ("귀금속가공산업기사", "한국산업인력공단", D(2022, 9, 2), ""),
        ],
        "languages": [],
    },
    "so-hee.moon@example.com": {
        "address": "경기 성남시",
        "introduction": "유색석 감별과 다이아몬드 4C 판정을 공부했습니다. 감정기관 취업을 희망합니다.",
        "education": [
            (
                "동덕여자대학교",
                "보석학전공",
                "bachelor",
                "graduated",
                D(2019, 3, 4),
                D(2023, 2, 17),
            ),
        ],
        "work": [],
        "licenses": [
            ("보석감정기능사", "한국산업인력공단", D(2022, 8, 26), "22-405517"),
            (
                "GIA Graduate Diamonds Diploma",
                "Gemological Institute of America",
                D(2024, 5, 10),
                "",
            ),
        ],
        "languages": [("영어", "fluent", "TOEFL iBT", "102", D(2023, 11, 4))],
    },
}

# The rest of the demo trainees get a short résumé from the center's courses.
DEFAULT = {
    "address": "서울 종로구",
    "education": [
        (
            "서울공업고등학교",
            "귀금속공예과",
            "high_school",
            "graduated",
            D(2016, 3, 2),
            D(2019, 2, 14),
        )
    ],
    "work": [("종로주얼리공방", "기능 보조", D(2023, 3, 2), None, "제작 보조, 광택, 재고 관리")],
    "licenses": [("귀금속가공기능사", "한국산업인력공단", D(2024, 6, 28), "")],
    "languages": [("영어", "basic", "", "", None)],
}


def demo_photo(seed: int) -> ContentFile:
    """A plain 3:4 silhouette on a soft background (no real face)."""
    palette = [(214, 226, 240), (232, 222, 206), (220, 235, 224), (236, 224, 234)]
    image = Image.new("RGB", (600, 800), palette[seed % len(palette)])
    draw = ImageDraw.Draw(image)
    shade = (120, 128, 140)
    draw.ellipse((190, 170, 410, 410), fill=shade)  # head
    draw.rounded_rectangle((90, 460, 510, 900), radius=180, fill=shade)  # shoulders
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="demo.png")


def seed_resumes(demo: Demo) -> None:
    demo.section("Résumés (이력서) of the demo trainees")
    # The demo's named people, not the thousands of past trainees reports/demo.py adds in bulk.
    people = {
        u.email: u
        for u in User.objects.filter(is_trainee=True, email__endswith="@example.com").exclude(
            email__regex=r"^[a-z-]+-[0-9]{6}@example\.com$"
        )
    }
    made = 0
    for i, (email, user) in enumerate(sorted(people.items())):
        if EducationEntry.objects.filter(profile__user=user).exists():
            continue
        data = RESUMES.get(email) or {
            **DEFAULT,
            "introduction": f"{user.name}입니다. 종로 주얼리센터에서 교육을 받으며 현장 경험을 쌓고 있습니다.",
        }
        services.resume_basics_update(
            user=user, data={"address": data["address"], "introduction": data["introduction"]}
        )
        for school, major, degree, status, start, end in data["education"]:
            services.resume_row_save(
                user=user,
                section="education",
                data={"school": school, "major": major, "degree": degree, "status": status,
                      "start_date": start, "end_date": end},
            )  # fmt: skip
        for company, title, start, end, duties in data["work"]:
            services.resume_row_save(
                user=user,
                section="work",
                data={"company": company, "title": title, "start_date": start, "end_date": end,
                      "duties": duties},
            )  # fmt: skip
        for name, issuer, acquired_on, number in data["licenses"]:
            services.resume_row_save(
                user=user,
                section="licenses",
                data={"name": name, "issuer": issuer, "acquired_on": acquired_on, "number": number},
            )
        for language, level, test_name, score, taken_on in data["languages"]:
            services.resume_row_save(
                user=user,
                section="languages",
                data={"language": language, "level": level, "test_name": test_name,
                      "score": score, "taken_on": taken_on},
            )  # fmt: skip
        services.profile_photo_set(user=user, upload=demo_photo(i))
        made += 1
    demo.log(f"{made} résumés with photo, education, work history, licences and languages")
