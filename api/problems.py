"""Errors as RFC 9457 problem details (application/problem+json), for every status the API returns."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import headers as security_headers
from api.web import errors
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
    """Every error as a problem document, or as the site's error page for a browser off /api/ (api/web/errors.py)."""

    @app.exception_handler(RuleError)
    async def _rule(request: Request, error: RuleError) -> Response:
        if isinstance(error, RateLimited):
            headers = {"Retry-After": str(error.retry_after)}
            return errors.page(request, 429, headers) or problem(429, error.message, headers=headers,
                                                                  code=error.code, retry_after=error.retry_after)
        status = next((STATUS_OF[kind] for kind in type(error).__mro__ if kind in STATUS_OF), 400)
        return errors.page(request, status) or problem(status, error.message, code=error.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        headers = getattr(error, "headers", None)
        return errors.page(request, error.status_code, headers) or problem(error.status_code, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        found = [{"location": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
        summary = "; ".join(f"{e['location']}: {e['message']}" for e in found)
        return errors.page(request, 422) or problem(422, f"The request is not valid: {summary}", errors=found)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _error: Exception) -> Response:
        # Still logged with its traceback by the server; the client learns nothing about the inside.
        response = errors.page(request, 500) or problem(
            500, "Something went wrong on our side. The error is logged; please try again later.")
        # Starlette sends this from outside every middleware, the security headers' included.
        https = security_headers.serves_https(request.app.state.services.settings)
        security_headers.add(response.headers, request.url.path, https=https)
        return response

    document(app)
