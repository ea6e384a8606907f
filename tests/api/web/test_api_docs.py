"""The API documentation pages work without the internet: every asset comes from this app."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.api.web.conftest import Live

REFERENCE = re.compile(r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']""")
QUOTED_URL = re.compile(r"""["'](/[^"'\s]+)["']""")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_page_loads_every_asset_from_this_app(client, path):
    page = client.get(path)  # /redoc leads to /docs
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://|//[a-z0-9]", page.text, re.I), "an outside host in the docs page"
    assets = set(REFERENCE.findall(page.text)) | set(QUOTED_URL.findall(page.text))
    assert any(a.endswith(".js") for a in assets) and "/openapi.json" in assets, assets
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        assert client.get(asset).status_code == 200, asset


def test_swagger_ui_shows_the_api_with_no_request_leaving_the_server(live: Live, page: Page):
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{live.url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Forslagskassa")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/ideas").first).to_be_visible()
    assert hosts == {urlsplit(live.url).netloc}

