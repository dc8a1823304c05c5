"""Every operation of the OpenAPI schema, for tests that must cover them all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drf_spectacular.generators import SchemaGenerator

WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str  # lower case, as in the schema
    path: str  # with {placeholders}
    operation_id: str
    request_schema: dict | None  # the JSON body's schema, resolved one level

    def url(self, value: int | str = 999_999) -> str:
        """The path with every placeholder filled by ``value`` (by default an id nobody has)."""
        return re.sub(r"\{[^}]+\}", str(value), self.path)

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


@cache
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(node: dict | None) -> dict | None:
    if node and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return schema()["components"]["schemas"][name]
    return node


@cache
def operations() -> tuple[Operation, ...]:
    result = []
    for path, item in schema()["paths"].items():
        for method, spec in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            content = (spec.get("requestBody") or {}).get("content", {})
            body = content.get("application/json") or content.get("multipart/form-data")
            result.append(
                Operation(
                    method,
                    path,
                    spec["operationId"],
                    _resolve((body or {}).get("schema")),
                )
            )
    return tuple(result)


def example_body(op: Operation) -> dict:
    """A body that looks valid: every property with a value of its declared type."""
    schema_ = op.request_schema or {}
    body = {}
    for name, prop in (schema_.get("properties") or {}).items():
        prop = _resolve(prop) or {}
        if prop.get("readOnly"):
            continue
        body[name] = _value_for(prop)
    return body


def _value_for(prop: dict):
    if "enum" in prop:
        return prop["enum"][0]
    if "allOf" in prop or "oneOf" in prop:
        return _value_for(_resolve((prop.get("allOf") or prop.get("oneOf"))[0]) or {})
    kind = prop.get("type")
    fmt = prop.get("format", "")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        return {}
    if fmt == "date":
        return "2030-01-15"
    if fmt == "date-time":
        return "2030-01-15T10:00:00+09:00"
    if fmt == "email":
        return "someone@example.com"
    if fmt == "uri":
        return "https://example.com/"
    return "예시"


def send(client, op: Operation, *, path_value: int | str = 999_999, body=None, headers=None):
    """Call the operation; a body (str or dict, sent as JSON) only for writes."""
    call = getattr(client, op.method)
    if op.method == "get":
        return call(op.url(path_value), headers=headers or {})
    if body is None:
        body = "{}"
    if not isinstance(body, str | bytes):
        import json

        body = json.dumps(body, ensure_ascii=False)
    return call(
        op.url(path_value), data=body, content_type="application/json", headers=headers or {}
    )
