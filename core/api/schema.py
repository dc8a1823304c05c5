"""The API's error answers, documented once for every operation of the OpenAPI schema.

Every operation can answer with the one error shape of ``core.api.errors``; the views do not
repeat it. A drf-spectacular postprocessing hook adds those answers to each operation where
the view did not describe them itself, so clients (and schemathesis) know every status.
"""

from __future__ import annotations

ERROR_COMPONENT = "Error"

ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error shape of the API.",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the user's language."},
        "errors": {
            "type": "object",
            "description": "Messages by field; empty when the error is not about a field.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "errors"],
}

# Status → description. Every operation may answer these ...
ANY_OPERATION = {
    "400": "The request is malformed (a parameter, header or character the API refuses).",
    "401": "No valid credentials: sign in or send `Authorization: Bearer <token>`.",
    "403": "Refused: staff must set up two-factor authentication, or the object is not yours "
    "to change.",
    "404": "Not found, or not yours to see, or not for your role.",
    "406": "The `Accept` header asks for a format the API does not offer.",
    "429": "Too many requests: wait as long as `Retry-After` says.",
}
# ... and writes these too.
WRITES = {
    "409": "The object is in a state that does not allow this (for example, already decided).",
    "410": "The object is gone.",
    "413": "The request body is too large or nested too deep.",
    "415": "The body is not in a format the operation accepts.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: document the error answers of every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            statuses = dict(ANY_OPERATION)
            if method in WRITE_METHODS:
                statuses.update(WRITES)
            responses = operation["responses"]
            for status, description in statuses.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
            if "429" in responses:
                responses["429"].setdefault(
                    "headers",
                    {
                        "Retry-After": {
                            "description": "Seconds to wait before trying again.",
                            "schema": {"type": "integer"},
                        }
                    },
                )
    return result
