"""Errors as RFC 9457 problem details (application/problem+json), for every status the API returns."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited, RuleError

MEDIA_TYPE = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details. `code` names a rule's refusal; `errors` lists invalid fields.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "code": {"type": "string"},
        "retry_after": {"type": "integer", "description": "With 429: seconds until the next try is accepted."},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "location": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "additionalProperties": True,
}

STATUS_OF: dict[type[RuleError], int] = {InvalidInput: 422, NotFound: 404, Forbidden: 403, Conflict: 409,
                                         RateLimited: 429}


def problem(status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the errors an operation answers, each as a problem document."""
    return {status: {"description": HTTPStatus(status).phrase, "content": {MEDIA_TYPE: {"schema": PROBLEM_REF}}}
            for status in statuses}


def document(app: FastAPI) -> None:
    """The OpenAPI description says what the API does: errors are problem documents, 422s included (FastAPI
    describes its own validation error there, which this API never sends)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "422" in operation.get("responses", {}):
                    operation["responses"]["422"] = problem_responses(422)[422]
        for unused in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(unused, None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    @app.exception_handler(RuleError)
    async def _rule(_request: Request, error: RuleError) -> JSONResponse:
        if isinstance(error, RateLimited):
            return problem(429, error.message, headers={"Retry-After": str(error.retry_after)}, code=error.code,
                           retry_after=error.retry_after)
        status = next((STATUS_OF[kind] for kind in type(error).__mro__ if kind in STATUS_OF), 400)
        return problem(status, error.message, code=error.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        return problem(error.status_code, detail, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"location": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
        summary = "; ".join(f"{e['location']}: {e['message']}" for e in errors)
        return problem(422, f"The request is not valid: {summary}", errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, _error: Exception) -> JSONResponse:
        # Still logged with its traceback by the server; the client learns nothing about the inside.
        return problem(500, "Something went wrong on our side. The error is logged; please try again later.")

    document(app)
