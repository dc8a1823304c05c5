"""No 500 from hostile input: NUL characters, deep JSON, odd digits in ids."""

import json

import pytest

from core.http import parse_id

pytestmark = pytest.mark.django_db


class TestNulCharacters:
    @pytest.mark.parametrize(
        "url",
        ["/api/v1/courses/?q=%00", "/api/v1/courses/?category=%00", "/api/v1/jobs/?q=a%00b"],
    )
    def test_api_query_strings_with_nul_get_400_in_the_api_format(self, client, url):
        response = client.get(url)
        assert response.status_code == 400
        assert "NUL" in response.json()["detail"]

    def test_page_query_strings_with_nul_get_the_400_page(self, client):
        response = client.get("/courses/?q=%00", HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == 400
        assert "text/html" in response["Content-Type"]

    def test_a_nul_in_a_header_gets_400(self, client):
        response = client.get("/api/v1/courses/", HTTP_IDEMPOTENCY_KEY="a\x00b")
        assert response.status_code == 400

    def test_a_nul_in_a_page_form_is_a_field_error_and_nothing_is_saved(self, client, alice):
        client.force_login(alice)
        response = client.post("/settings/", {"name": "김\x00앨리스", "phone": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["name"]
        alice.refresh_from_db()
        assert alice.name == "김앨리스"

    def test_clean_requests_pass(self, client):
        assert client.get("/api/v1/courses/?q=반지").status_code == 200


@pytest.mark.urls("tests.core.urls_with_echo")
class TestJsonBodies:
    url = "/api/v1/test-echo/"

    def test_a_nul_inside_a_json_string_gets_400(self, client):
        body = json.dumps({"name": "a\x00b", "seats": 1, "starts_on": "2026-12-01"})
        response = client.post(self.url, body, content_type="application/json")
        assert response.status_code == 400
        assert "NUL" in response.json()["detail"]

    def test_json_nested_1000_deep_gets_400_not_a_recursion_error(self, client):
        body = "[" * 1000 + "]" * 1000
        response = client.post(self.url, body, content_type="application/json")
        assert response.status_code == 400

    def test_json_nested_a_little_is_fine(self, client):
        body = json.dumps({"name": "ok", "seats": 2, "starts_on": "2026-12-01", "x": [[[1]]]})
        assert client.post(self.url, body, content_type="application/json").status_code == 201


class TestParseId:
    @pytest.mark.parametrize(
        "raw",
        ["²", "٣", "1²", "-1", "0", "", " ", "1.0", "99999999999999999999", None, True, "abc"],
    )
    def test_it_refuses_what_is_not_a_plain_positive_id(self, raw):
        assert parse_id(raw) is None

    @pytest.mark.parametrize(
        ("raw", "expected"), [("42", 42), (" 7 ", 7), (5, 5), ("9223372036854775807", 2**63 - 1)]
    )
    def test_it_reads_plain_ids(self, raw, expected):
        assert parse_id(raw) == expected
