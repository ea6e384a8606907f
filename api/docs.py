"""The API's documentation page: Swagger UI at /docs, over /openapi.json.

Its script and style come from the fastapi-offline package and are served from /docs/assets, so the page works on
a closed network and nothing is loaded from a CDN. The page's own inline script is allowed by its hash. /redoc
leads there: ReDoc loads its logo from its vendor's CDN whatever it is told.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"
ASSETS = Path(str(importlib.resources.files("fastapi_offline") / "static"))
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_POLICY = ("default-src 'self'; img-src 'self' data:; script-src 'self' {scripts}; style-src 'self'; "
           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")


def install(app: FastAPI) -> None:
    """Add /docs and its assets; the app is made with FastAPI's own (CDN) pages turned off."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} – API", oauth2_redirect_url=None,
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            # Swagger UI would otherwise send the spec's address to validator.swagger.io for a badge.
            swagger_ui_parameters={"validatorUrl": None})
        return _with_policy(page)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs", status_code=301)


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    scripts = " ".join(f"'sha256-{_digest(block)}'" for block in _INLINE_SCRIPT.findall(bytes(page.body).decode()))
    page.headers["Content-Security-Policy"] = _POLICY.format(scripts=scripts)
    return page


def _digest(block: str) -> str:
    return base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
