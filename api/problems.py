"""Errors as RFC 9457 problem details (application/problem+json), for every status the API returns."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleError

MEDIA_TYPE = "application/problem+json"

STATUS_OF: dict[type[RuleError], int] = {InvalidInput: 422, NotFound: 404, Forbidden: 403, Conflict: 409}


def problem(status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(RuleError)
    async def _rule(_request: Request, error: RuleError) -> JSONResponse:
        return problem(STATUS_OF.get(type(error), 400), error.message, code=error.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        return problem(error.status_code, detail, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"location": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
        summary = "; ".join(f"{e['location']}: {e['message']}" for e in errors)
        return problem(422, f"The request is not valid: {summary}", errors=errors)
