"""Ids and numbers from input are read with core.http.parse_id: "²" is a digit to
``str.isdigit()`` but neither to ``int()`` nor to the database, and must never cause a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.http import parse_id
from courses.forms import AttendanceSheetForm, ScoresForm
from search.registry import FacetSpec

SUPERSCRIPT_TWO = "²"


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, "1²", "٣", "-1", "0", "9" * 20, "", None, True])
def test_parse_id_refuses_what_is_not_an_ascii_id(value):
    assert parse_id(value) is None


def test_parse_id_reads_an_ascii_id():
    assert parse_id(" 42 ") == 42


def test_the_catalog_answers_a_month_with_a_superscript_digit(client, db):
    response = client.get(reverse("courses:index"), {"month": f"2026-0{SUPERSCRIPT_TWO}"})
    assert response.status_code == 200
    assert response.context["form"].errors["month"]


def test_the_consultation_types_api_reads_a_superscript_center_as_no_center(client, db):
    response = client.get("/api/v1/consultation-types/", {"center": SUPERSCRIPT_TWO})
    assert response.status_code == 200
    assert response.json() == []


def test_the_counselors_api_refuses_a_superscript_type_with_400(client, db):
    response = client.get("/api/v1/counselors/", {"type": SUPERSCRIPT_TWO})
    assert response.status_code == 400
    assert "type" in response.json()["errors"]


@pytest.mark.parametrize("form_class,key", [(AttendanceSheetForm, "status"), (ScoresForm, "score")])
def test_a_sheet_with_a_superscript_row_id_is_refused_not_crashed(form_class, key):
    form = form_class(data={f"{key}-{SUPERSCRIPT_TWO}": "1"})
    assert not form.is_valid()
    assert form.non_field_errors()


def test_search_facet_labels_skip_a_superscript_id():
    seen = []
    facet = FacetSpec("skill", "Skill", "m", labels=lambda ids: seen.extend(ids) or {})
    assert facet.label_for(["3", SUPERSCRIPT_TWO, "-1"]) == {}
    assert seen == [3]
