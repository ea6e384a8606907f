"""The security headers of every response — pages, API, downloads, bots' endpoints, errors — set in one place.

Everything is served from here: no inline scripts, no CDN, no framing, no camera or microphone. Nothing but the
static assets may be kept in a cache: the API, downloads and pages all carry someone's ideas or personal data.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.settings import Settings

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
HSTS = "max-age=31536000; includeSubDomains"
ALWAYS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
CACHEABLE = ("/static/", "/docs/assets/")
NEVER_CACHED = "/api/"


def serves_https(settings: Settings) -> bool:
    return settings.public_url.startswith("https://")


def add(headers: MutableHeaders, path: str, *, https: bool) -> None:
    """Each header unless the response set its own (e.g. the API docs' policy); no-store on /api/ regardless."""
    wanted = dict(ALWAYS)
    if https:
        wanted["Strict-Transport-Security"] = HSTS
    if not path.startswith(CACHEABLE):
        wanted["Cache-Control"] = "no-store"
    for name, value in wanted.items():
        if name not in headers:
            headers[name] = value
    if path.startswith(NEVER_CACHED):
        headers["Cache-Control"] = "no-store"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add(MutableHeaders(scope=message), path, https=self.https)
            await send(message)

        await self.app(scope, receive, with_headers)
