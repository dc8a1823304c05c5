"""The demo catalog's content: categories, the courses of each center with their runs, and
the extra trainees who fill the runs. ``courses.demo`` turns these into rows."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.demo import JONGNO, SEONGSU

CATEGORIES = [
    ("design", "디자인", "Design", 10),
    ("manufacturing", "제조 실무", "Manufacturing", 20),
    ("appraisal", "보석 감정", "Gem appraisal", 30),
    ("business", "창업·협동조합", "Startups and cooperatives", 40),
    ("marketing", "판로·마케팅", "Sales and marketing", 50),
]

CARD = "국민내일배움카드 사용 가능"


@dataclass(frozen=True)
class DemoCourse:
    center: str
    category: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    level: str
    hours: int
    fee: int
    skills: tuple[tuple[str, int], ...]
    description: str = ""
    subsidy: str = ""
    place: str = "종로 주얼리산업지원센터 3층 실습실"
    # Runs as (start offset in days from today, capacity); a negative offset is a past run.
    runs: tuple[tuple[int, int], ...] = ()
    screened_questions: str = ""
    evenings: bool = False
    prerequisite: str = ""


COURSES = [
    DemoCourse(
        JONGNO,
        "design",
        "주얼리 디자인 기초",
        "Jewelry Design Basics",
        "스케치부터 렌더링까지, 만들 수 있는 주얼리를 그리는 법을 배웁니다.",
        "From sketch to rendering: learn to draw jewelry that can actually be made.",
        "beginner",
        60,
        0,
        (("주얼리 디자인 스케치", 2),),
        subsidy=CARD,
        description=(
            "## 이런 분께 권합니다\n\n- 주얼리 업계 취업을 준비하는 분\n- 공방 창업 전 디자인 기초가 필요한 분\n\n"
            "## 배우는 내용\n\n1. 보석과 귀금속 소재의 이해\n2. 반지·펜던트·귀걸이 투시도와 3면도\n"
            "3. 마커·과슈 렌더링\n4. 포트폴리오 한 권 완성\n\n"
            "수업 재료(도화지, 마커)는 센터에서 제공합니다."
        ),
        runs=((-75, 16), (21, 16)),
    ),
    DemoCourse(
        JONGNO,
        "manufacturing",
        "귀금속 세공 실무",
        "Precious Metal Bench Work",
        "톱질, 줄질, 납땜, 광택까지 반지 한 점을 처음부터 끝까지 만듭니다.",
        "Sawing, filing, soldering and polishing: make a ring from start to finish.",
        "intermediate",
        120,
        0,
        (("귀금속 세공", 3), ("원형 제작", 3), ("물림·세팅", 2), ("연마", 3)),
        subsidy=CARD,
        description=(
            "현장 20년 경력의 세공 장인이 지도합니다. 귀금속가공기능사 실기 과제를 함께 연습합니다.\n\n"
            "**준비물**: 작업복, 보안경 (공구는 센터 공용 작업대 사용)"
        ),
        runs=((-110, 12), (35, 12)),
        prerequisite="주얼리 디자인 기초 수료 또는 그에 준하는 경험",
    ),
    DemoCourse(
        JONGNO,
        "design",
        "주얼리 CAD 실무 (Rhino·Matrix)",
        "Jewelry CAD with Rhino and Matrix",
        "출력과 주조까지 고려한 3D 모델링, 렌더링, 3D 프린팅 원형 출력.",
        "3D modelling ready for printing and casting, rendering, and printing a master.",
        "intermediate",
        80,
        0,
        (("주얼리 CAD (Rhino/Matrix)", 3), ("3D 프린팅", 2)),
        subsidy=CARD,
        description="반지 사이즈 호수 체계, 물림 간격, 주조 수축률을 반영한 모델링을 익힙니다.",
        runs=((-60, 10), (14, 6)),
        evenings=True,
    ),
    DemoCourse(
        JONGNO,
        "manufacturing",
        "왁스 카빙과 주조",
        "Wax Carving and Casting",
        "왁스로 원형을 깎고, 고무 몰드와 석고 매몰을 거쳐 은으로 주조합니다.",
        "Carve a wax model, then mould, invest and cast it in silver.",
        "beginner",
        48,
        150000,
        (("왁스 카빙", 3), ("주조", 2)),
        description="은 재료비 15만 원이 포함되어 있습니다. 완성품은 가져갈 수 있습니다.",
        runs=((28, 8),),
    ),
    DemoCourse(
        JONGNO,
        "appraisal",
        "보석감정 실무",
        "Practical Gem Appraisal",
        "굴절계, 편광기, 분광기로 천연·합성·모조석을 구별하고 감정서를 작성합니다.",
        "Tell natural, synthetic and imitation stones apart and write an appraisal report.",
        "intermediate",
        72,
        0,
        (("보석 감별", 3), ("귀금속 함량 분석", 2), ("보석 원석 상태 확인", 2)),
        subsidy=CARD,
        description="보석감정기능사 필기·실기 대비 내용을 포함합니다.",
        runs=((-45, 14), (42, 14)),
    ),
    DemoCourse(
        JONGNO,
        "appraisal",
        "다이아몬드 등급 판정",
        "Diamond Grading",
        "컬러, 클래리티, 컷, 캐럿 — 4C 기준으로 다이아몬드 등급을 판정합니다.",
        "Grade diamonds by colour, clarity, cut and carat.",
        "advanced",
        40,
        200000,
        (("다이아몬드 4C 등급 판정", 3),),
        runs=((49, 10),),
        prerequisite="보석감정 실무 수료",
    ),
    DemoCourse(
        JONGNO,
        "business",
        "주얼리 협동조합 설립 과정",
        "Founding a Jewelry Cooperative",
        "협동조합 기본법, 정관 작성, 설립 신고와 공동 브랜드 운영 사례.",
        "Cooperative law, articles of association, registration and shared-brand case studies.",
        "beginner",
        24,
        0,
        (("협동조합 설립·운영", 2),),
        description="종로 귀금속 공방 3곳 이상이 함께 신청하면 컨설팅을 연계해 드립니다.",
        runs=((-30, 20), (24, 20)),
        evenings=True,
    ),
    DemoCourse(
        JONGNO,
        "business",
        "주얼리 창업 아카데미",
        "Jewelry Startup Academy",
        "사업계획서, 브랜드, 원가 계산, 온라인 판매까지 — 창업 준비생을 선발해 지원합니다.",
        "Business plan, brand, costing and online sales, for selected founders-to-be.",
        "intermediate",
        36,
        0,
        (("창업 사업계획", 3), ("주얼리 판매·VMD", 2)),
        description="수료 후 우수 사업계획은 센터 입주 공방 심사에 가산점을 받습니다.",
        runs=((30, 15),),
        screened_questions="창업하려는 아이템을 소개해 주세요.\n지금 창업 준비는 어느 단계인가요?",
    ),
    DemoCourse(
        JONGNO,
        "marketing",
        "해외 판로개척 마케팅",
        "Export Marketing for Jewelry Makers",
        "해외 전시회 참가 준비, 바이어 상담, 온라인 해외 판매 채널 입점.",
        "Prepare for trade fairs, meet buyers and open online export channels.",
        "intermediate",
        30,
        0,
        (("해외 판로 개척", 2),),
        runs=((56, 20),),
        evenings=True,
    ),
    DemoCourse(
        JONGNO,
        "manufacturing",
        "스톤 세팅 심화",
        "Advanced Stone Setting",
        "발물림, 파베, 채널 세팅을 현미경 아래에서 정밀하게 익힙니다.",
        "Prong, pavé and channel setting under the microscope.",
        "advanced",
        60,
        100000,
        (("물림·세팅", 4),),
        runs=((63, 8),),
        prerequisite="귀금속 세공 실무 수료",
    ),
    DemoCourse(
        JONGNO,
        "manufacturing",
        "주얼리 도금·표면처리",
        "Jewelry Plating and Finishing",
        "로듐·금 도금, 샌딩과 해머 텍스처 등 마감 공정.",
        "Rhodium and gold plating, sanding and hammered textures.",
        "beginner",
        24,
        50000,
        (("도금", 2), ("연마", 2)),
        runs=((18, 12),),
    ),
    DemoCourse(
        JONGNO,
        "marketing",
        "주얼리 판매·VMD 실무",
        "Jewelry Retail and Visual Merchandising",
        "매장 진열, 고객 응대, 보증서와 A/S 안내까지 판매 현장의 기본.",
        "Display, customer service, warranties and after-sales: retail basics.",
        "beginner",
        20,
        0,
        (("주얼리 판매·VMD", 2),),
        subsidy=CARD,
        runs=((10, 20),),
    ),
    # 성수 수제화산업지원센터
    DemoCourse(
        SEONGSU,
        "design",
        "수제화 패턴 기초",
        "Shoe Pattern Making Basics",
        "라스트 테이핑부터 갑피 패턴 전개까지.",
        "From taping the last to the upper pattern.",
        "beginner",
        40,
        0,
        (("수제화 패턴 설계", 2),),
        subsidy=CARD,
        place="성수 수제화산업지원센터 2층 교육장",
        runs=((20, 12),),
    ),
    DemoCourse(
        SEONGSU,
        "manufacturing",
        "수제화 제작 실무",
        "Handmade Shoe Making",
        "재단, 재봉, 라스팅, 창 부착까지 구두 한 켤레를 완성합니다.",
        "Cutting, stitching, lasting and soling: make a pair of shoes.",
        "intermediate",
        100,
        0,
        (("갑피 재단", 3), ("갑피 재봉", 3), ("저부 제작 (라스팅)", 2)),
        place="성수 수제화산업지원센터 1층 공방",
        runs=((33, 10),),
    ),
]

# Extra trainees who fill the popular runs (they have no printed login; password is the demo one).
CLASSMATES = [
    ("seoyeon.han@example.com", "한서연"),
    ("jihoon.oh@example.com", "오지훈"),
    ("yuna.seo@example.com", "서유나"),
    ("minseo.yoon@example.com", "윤민서"),
    ("gunwoo.jang@example.com", "장건우"),
    ("sua.lim@example.com", "임수아"),
    ("eunwoo.shin@example.com", "신은우"),
    ("haeun.kwon@example.com", "권하은"),
    ("siwoo.hwang@example.com", "황시우"),
    ("jia.song@example.com", "송지아"),
]
