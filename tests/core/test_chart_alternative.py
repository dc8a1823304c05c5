"""Charts (reports dashboard, fair analytics) carry their figures as a table too (WCAG 1.1.1)."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import translation


def test_every_chart_has_a_table_with_the_same_figures():
    charts = [
        {
            "title": "수료생",
            "unit": "명",
            "height": 60,
            "bars": [
                {"label": "2026년 1분기", "value": 12, "y": 0, "width": 200, "text_x": 380},
                {"label": "2026년 2분기", "value": 7, "y": 30, "width": 120, "text_x": 300},
            ],
        }
    ]
    with translation.override("ko"):
        html = render_to_string("fairs/_charts.html", {"charts": charts})

    assert 'role="img" aria-label="수료생"' in html
    table = html[html.index("<details") : html.index("</details>")]
    assert "수치를 표로 보기" in table
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="num">(.*?)</td>', table)
    assert rows == [("2026년 1분기", "12 명"), ("2026년 2분기", "7 명")]
