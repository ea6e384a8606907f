"""The Teams app package (`forslagskassa teams package`): manifest.json and the two icons, zipped for upload.

The icons are drawn here (a light bulb in the accent colour), so the package needs no binary files in the repo.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core.orgconfig import OrgConfig, Sharing
from core.settings import Settings

MANIFEST_VERSION = "1.19"
SCHEMA = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
COLOR_SIZE, OUTLINE_SIZE = 192, 32  # what Teams requires
# Shown in the Teams app store of the municipality; the bot itself speaks bokmål or English per user.
DESCRIPTION = {
    "short": "Send forslag til kommunalsjefene, også anonymt",
    "full": ("Skriv forslaget ditt i chatten, så går det til riktig kommunalsjef. Du kan være anonym, ser hvor "
             "forslaget gikk, og får beskjed når det er behandlet. Kommunalsjefene svarer rett fra kortet."),
}
COMMANDS = [("hjelp", "Hva boten kan"), ("mine forslag", "Forslagene dine og hvor de står"),
            ("skjema", "Skjema for et forslag, der du kan velge virksomheten det gjelder")]
POPULAR = ("populære", "De mest støttede forslagene fra kolleger")  # only where the org shares ideas


class PackageError(ValueError):
    """A setting the package needs is missing or wrong; the message names it."""


def manifest(*, settings: Settings, org: OrgConfig, version: str) -> dict[str, Any]:
    app_id = settings.teams_app_id
    if not GUID.match(app_id):
        raise PackageError("TEAMS_APP_ID must be the Entra application (client) id, a GUID")
    site = settings.public_url.rstrip("/")
    if urlsplit(site).scheme != "https":
        raise PackageError("PUBLIC_URL must be the https:// address the service is reached at")
    commands = COMMANDS + ([POPULAR] if org.sharing is not Sharing.OFF else [])
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "localizationInfo": {"defaultLanguageTag": "nb-no"},
        "developer": {"name": org.municipality, "websiteUrl": f"{site}/", "privacyUrl": f"{site}/",
                      "termsOfUseUrl": f"{site}/"},
        "name": {"short": settings.teams_app_name[:30],
                 "full": f"{settings.teams_app_name} — {org.municipality}"[:100]},
        "description": DESCRIPTION,
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": settings.teams_accent_color,
        "bots": [{
            "botId": app_id,
            "scopes": ["personal", "team"],  # team: for a triage channel (org config triage.teams_conversation)
            "supportsFiles": False,
            "isNotificationOnly": False,
            "commandLists": [{"scopes": ["personal"],
                              "commands": [{"title": title, "description": text} for title, text in commands]}],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [urlsplit(site).hostname],
    }


def write_package(path: Path, *, settings: Settings, org: OrgConfig, version: str) -> Path:
    data = manifest(settings=settings, org=org, version=version)
    rgb = _rgb(settings.teams_accent_color)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(data, ensure_ascii=False, indent=2))
        package.writestr("color.png", icon(COLOR_SIZE, background=rgb, foreground=(255, 255, 255)))
        package.writestr("outline.png", icon(OUTLINE_SIZE, background=None, foreground=(255, 255, 255)))
    return path


def icon(size: int, *, background: tuple[int, int, int] | None, foreground: tuple[int, int, int]) -> bytes:
    """A light bulb: a round glass and a base, on a filled square (colour icon) or on transparency (outline)."""
    rows = []
    for y in range(size):
        row = bytearray([0])  # PNG filter byte: none
        for x in range(size):
            u, v = (x + 0.5) / size, (y + 0.5) / size
            glass = (u - 0.5) ** 2 + (v - 0.42) ** 2 <= 0.22 ** 2
            base = 0.40 <= u <= 0.60 and 0.62 <= v <= 0.78
            if glass or base:
                row += bytes((*foreground, 255))
            elif background:
                row += bytes((*background, 255))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
