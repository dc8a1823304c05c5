"""The API base: one error format, bad bodies answered with 4xx, pagination, schema and docs."""

from __future__ import annotations

import json

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from tests.factories import CenterFactory

ECHO = "/api/v1/test-echo/"
GOOD = {"name": "주얼리 CAD 기초", "seats": 12, "starts_on": "2026-12-01"}


def assert_error_format(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    for messages in body["errors"].values():
        assert isinstance(messages, list) and all(isinstance(m, str) for m in messages)
    return body


@pytest.mark.urls("tests.core.urls_with_echo")
class TestRequestBodies:
    def post(self, client, body, content_type="application/json", **headers):
        return client.generic("POST", ECHO, body, content_type=content_type, headers=headers)

    def test_it_accepts_a_good_body(self, client, db):
        response = self.post(client, json.dumps(GOOD))
        assert response.status_code == 201
        assert response.json() == GOOD

    @pytest.mark.parametrize(
        "body",
        [
            b"{",
            b"{'name': 'single quotes'}",
            b'{"name": "x",}',
            b"\xff\xfe\x00garbage",
            b"NaN-ish",
            b'{"a": 1} trailing',
        ],
    )
    def test_it_answers_malformed_json_with_400(self, client, db, body):
        body = assert_error_format(self.post(client, body), 400)
        assert body["errors"] == {}

    def test_it_explains_malformed_json_in_korean_and_english(self, client, db):
        from tests.accounts.utils import korean

        msgid = "The request body is not valid JSON."
        assert self.post(client, b"{").json()["detail"] == korean(msgid)
        assert self.post(client, b"{", **{"Accept-Language": "en"}).json()["detail"] == msgid

    def test_it_names_each_wrong_field(self, client, db):
        response = self.post(
            client, json.dumps({"name": ["a", "list"], "seats": "many", "starts_on": "yesterday"})
        )
        body = assert_error_format(response, 400)
        assert set(body["errors"]) == {"name", "seats", "starts_on"}

    def test_it_names_each_missing_field(self, client, db):
        body = assert_error_format(self.post(client, json.dumps({})), 400)
        assert set(body["errors"]) == {"name", "seats", "starts_on"}

    def test_it_explains_a_body_that_is_not_an_object(self, client, db):
        body = assert_error_format(self.post(client, json.dumps([GOOD])), 400)
        assert body["errors"]["non_field_errors"]

    def test_it_answers_an_oversized_json_body_with_413(self, client, db, settings):
        padding = "가" * (settings.API_MAX_JSON_BYTES // 3 + 10)  # three bytes each in UTF-8
        assert_error_format(self.post(client, json.dumps({**GOOD, "name": padding})), 413)

    def test_it_answers_an_oversized_form_body_with_413(self, client, db, settings):
        body = "name=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
        assert_error_format(
            self.post(client, body, content_type="application/x-www-form-urlencoded"), 413
        )

    def test_it_answers_an_unsupported_media_type_with_415(self, client, db):
        assert_error_format(
            self.post(client, "<seats>1</seats>", content_type="application/xml"), 415
        )

    def test_it_speaks_the_requested_language(self, client, db):
        english = self.post(client, json.dumps({}), **{"Accept-Language": "en"}).json()
        korean = self.post(client, json.dumps({})).json()
        assert english["errors"]["seats"] == ["This field is required."]
        assert korean["errors"]["seats"] != english["errors"]["seats"]
        assert any("\uac00" <= ch <= "\ud7a3" for ch in korean["errors"]["seats"][0])


@pytest.mark.urls("tests.core.urls_with_echo")
class TestCsrf:
    def test_a_session_write_needs_the_csrf_token(self, alice):
        from django.test import Client

        browser = Client(enforce_csrf_checks=True)
        browser.force_login(alice)
        response = browser.post(ECHO, json.dumps(GOOD), content_type="application/json")
        assert_error_format(response, 403)

    def test_a_token_write_needs_no_csrf_token(self, bob):
        from django.test import Client

        from accounts.services import api_token_create

        _token, raw = api_token_create(user=bob, name="script")
        script = Client(enforce_csrf_checks=True)
        response = script.post(
            ECHO,
            json.dumps(GOOD),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
        assert response.status_code == 201


class TestErrors:
    @pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/nothing-here", "/api/v1/me/extra/"])
    def test_it_answers_unknown_urls_with_json_404(self, client, db, path):
        assert_error_format(client.get(path), 404)

    def test_it_answers_a_wrong_method_with_405(self, client, db):
        assert_error_format(
            client.post("/api/v1/centers/", {}, content_type="application/json"), 405
        )

    def test_it_answers_anonymous_with_401_in_the_error_format(self, client, db):
        response = client.get("/api/v1/me/")
        assert_error_format(response, 401)
        assert response["WWW-Authenticate"] == "Bearer"


class TestCenters:
    def test_it_lists_centers_for_anyone(self, client, center, other_center):
        response = client.get("/api/v1/centers/")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 2
        first = body["results"][0]
        assert {"id", "slug", "name", "region", "industry"} <= set(first)
        assert {c["slug"] for c in body["results"]} == {"jongno-jewelry", "seongsu-shoes"}

    def test_it_hides_inactive_centers(self, client, center):
        CenterFactory(slug="closed", is_active=False)
        assert [c["slug"] for c in client.get("/api/v1/centers/").json()["results"]] == [
            "jongno-jewelry"
        ]

    def test_it_pages_with_page_size(self, client, db):
        for n in range(5):
            CenterFactory(slug=f"center-{n}", name=f"센터 {n}")
        first = client.get("/api/v1/centers/", {"page_size": 2}).json()
        assert first["count"] == 5
        assert [c["slug"] for c in first["results"]] == ["center-0", "center-1"]
        assert first["previous"] is None
        assert "page=2" in first["next"]
        last = client.get("/api/v1/centers/", {"page_size": 2, "page": 3}).json()
        assert [c["slug"] for c in last["results"]] == ["center-4"]
        assert last["next"] is None

    def test_it_caps_the_page_size(self, client, db):
        for n in range(3):
            CenterFactory(slug=f"center-{n}")
        assert len(client.get("/api/v1/centers/", {"page_size": 100000}).json()["results"]) == 3
        assert len(client.get("/api/v1/centers/", {"page_size": "lots"}).json()["results"]) == 3

    @pytest.mark.parametrize("page", ["99", "0", "abc", "-1"])
    def test_it_answers_an_invalid_page_with_404(self, client, center, page):
        assert_error_format(client.get("/api/v1/centers/", {"page": page}), 404)


class TestSchema:
    def test_it_serves_a_valid_openapi_3_schema(self, client, db):
        response = client.get(reverse("api_schema"))
        assert response.status_code == 200
        schema = yaml.safe_load(response.content)
        assert str(schema["openapi"]).startswith("3.")
        assert "/api/v1/me/" in schema["paths"]
        assert "/api/v1/centers/" in schema["paths"]
        assert "Bearer" in json.dumps(schema["components"]["securitySchemes"])
        validate_schema(schema)  # against the OpenAPI 3 JSON schema; raises when invalid

    def test_it_serves_the_schema_as_json_too(self, client, db):
        response = client.get(reverse("api_schema"), {"format": "json"})
        assert response.status_code == 200
        assert str(json.loads(response.content)["openapi"]).startswith("3.")

    def test_it_renders_the_docs(self, client, db):
        response = client.get(reverse("api_docs"))
        assert response.status_code == 200
        assert "swagger" in response.content.decode().lower()
        assert "cdn" not in response.content.decode().lower()  # everything vendored


def test_dates_outside_a_plausible_range_are_refused_by_every_serializer():
    """Found by schemathesis: a run "starting" in the year 128 was stored and answered with
    a local-mean-time offset (+08:27:52) that is not RFC 3339."""
    from rest_framework import serializers

    class Dates(serializers.Serializer):
        on = serializers.DateField()
        at = serializers.DateTimeField()

    bad = Dates(data={"on": "0128-12-08", "at": "0647-02-18T05:17:42+09:00"})
    assert not bad.is_valid()
    assert set(bad.errors) == {"on", "at"}
    good = Dates(data={"on": "2026-12-08", "at": "2026-12-08T10:00:00+09:00"})
    assert good.is_valid(), good.errors
