"""The tasks API in the OpenAPI schema: every operation, in Vietnamese, with its errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from namro.tasks.models import ExtensionRequest, Task
from tests.api.helpers import API
from tests.api.test_schema import VIETNAMESE

T = "/api/v1/tasks"
TASK_OPERATIONS = {
    ("get", T),
    ("post", T),
    ("get", f"{T}/mine"),
    ("get", f"{T}/{{task_id}}"),
    ("patch", f"{T}/{{task_id}}"),
    ("post", f"{T}/{{task_id}}/issue"),
    ("post", f"{T}/{{task_id}}/start"),
    ("post", f"{T}/{{task_id}}/progress"),
    ("post", f"{T}/{{task_id}}/report-done"),
    ("post", f"{T}/{{task_id}}/accept"),
    ("post", f"{T}/{{task_id}}/return"),
    ("post", f"{T}/{{task_id}}/cancel"),
    ("post", f"{T}/{{task_id}}/extension"),
    ("post", f"{T}/{{task_id}}/extension/{{request_id}}/decide"),
    ("post", f"{T}/{{task_id}}/reassign"),
    ("post", f"{T}/{{task_id}}/delegate"),
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


@pytest.fixture
def schema(db: None) -> dict[str, Any]:
    data: dict[str, Any] = Client().get(f"{API}/openapi.json").json()
    return data


def _operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): operation
        for path, item in schema["paths"].items()
        if path == T or (path.startswith(f"{T}/") and not path.startswith(f"{T}/extract"))
        for method, operation in item.items()
    }


def test_every_task_operation_is_there_and_documented_in_vietnamese(schema: dict[str, Any]) -> None:
    operations = _operations(schema)
    assert set(operations) == TASK_OPERATIONS
    for key, operation in operations.items():
        assert VIETNAMESE.search(operation["summary"]), key
        assert VIETNAMESE.search(operation["description"]), key
        assert operation["tags"] == ["Nhiệm vụ"], key
        for status in ("401", "404", "422"):
            assert operation["responses"][status]["content"]["application/json"]["schema"] == ERROR_REF, key
        if key[0] != "get":
            assert "403" in operation["responses"], key
            assert "400" in operation["responses"], key


def test_state_conflicts_are_documented_as_409(schema: dict[str, Any]) -> None:
    for (method, path), operation in _operations(schema).items():
        if method == "get" or path == T:
            continue
        assert operation["responses"]["409"]["content"]["application/json"]["schema"] == ERROR_REF, path
        assert "409" in operation["description"], path
    patch = _operations(schema)[("patch", f"{T}/{{task_id}}")]
    assert "stale_version" in patch["description"]


def test_the_gate_error_is_documented(schema: dict[str, Any]) -> None:
    issue = _operations(schema)[("post", f"{T}/{{task_id}}/issue")]
    assert "clarity_failed" in issue["description"]
    assert "missing_lead" in issue["description"]
    item = schema["components"]["schemas"]["FieldErrorOut"]["properties"]
    assert {"code", "aspect", "field", "message"} <= set(item)


@pytest.mark.parametrize("step", ["progress", "report-done"])
def test_evidence_may_be_sent_as_multipart(schema: dict[str, Any], step: str) -> None:
    body = _operations(schema)[("post", f"{T}/{{task_id}}/{step}")]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    files = body["multipart/form-data"]["schema"]["properties"]["files"]
    assert files["items"] == {"type": "string", "format": "binary"}
    assert "files" not in body["application/json"]["schema"]["properties"]


def test_lists_are_paginated_alike(schema: dict[str, Any]) -> None:
    for path in (T, f"{T}/mine"):
        operation = _operations(schema)[("get", path)]
        assert {"page", "page_size"} <= {p["name"] for p in operation["parameters"]}
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert set(page["properties"]) == {"count", "page", "page_size", "results"}


def test_task_enums_are_written_inline(schema: dict[str, Any]) -> None:
    # Task.Status, ExtensionRequest.Status, Person.Status, Document.Status… share a class name;
    # as named components one would silently replace the other in the schema
    components = schema["components"]["schemas"]
    status = components["TaskOut"]["properties"]["status"]
    assert "$ref" not in status
    assert status["enum"] == [s.value for s in Task.Status]
    extension = components["ExtensionOut"]["properties"]["status"]
    assert extension["enum"] == [s.value for s in ExtensionRequest.Status]
