"""`forslagskassa teams sync-commissioners`: find each commissioner's and administrator's AAD object id by their
mail in Microsoft Graph, and write it into the org config as `teams_aad_id`.

The YAML file is edited line by line, not re-dumped, so its comments and layout stay as the municipality wrote
them; the result is validated like at start-up before it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.teams.graph import Directory
from core.orgconfig import OrgConfig, load_org_config


@dataclass(frozen=True)
class Match:
    person_id: str
    mail: str | None
    aad_id: str | None
    current: str | None  # what the org config says now

    @property
    def changed(self) -> bool:
        return self.aad_id is not None and (self.current or "").lower() != self.aad_id.lower()


async def look_up(directory: Directory, org: OrgConfig) -> list[Match]:
    matches = []
    for person in (*org.commissioners, *org.administrators):
        found = await directory.find_by_mail(person.email) if person.email else None
        matches.append(Match(person_id=person.id, mail=person.email, aad_id=found.id if found else None,
                             current=person.teams_aad_id))
    return matches


def write_ids(path: Path, matches: list[Match]) -> list[str]:
    """Set `teams_aad_id` for every changed match; returns the ids that could not be placed in the file."""
    text = path.read_text(encoding="utf-8")
    unplaced = []
    for match in matches:
        if match.changed:
            updated = set_key(text, person_id=match.person_id, key="teams_aad_id", value=match.aad_id or "")
            if updated is None:
                unplaced.append(match.person_id)
            else:
                text = updated
    candidate = path.with_suffix(".sync-check.yaml")
    candidate.write_text(text, encoding="utf-8")
    try:
        load_org_config(candidate)  # raises OrgConfigError, naming the key, before the real file is touched
    finally:
        candidate.unlink()
    path.write_text(text, encoding="utf-8")
    return unplaced


def set_key(text: str, *, person_id: str, key: str, value: str) -> str | None:
    """Set `key: value` in the block-style list item `- id: <person_id>`; None if there is no such item."""
    lines = text.splitlines(keepends=True)
    item = re.compile(rf"^(\s*)-\s+id:\s*[\"']?{re.escape(person_id)}[\"']?\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if item.match(line.rstrip("\n"))), None)
    if start is None:
        return None
    dash = len(item.match(lines[start].rstrip("\n")).group(1))  # type: ignore[union-attr]
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > dash):
        end += 1
    indent = " " * (dash + 2)
    new_line = f"{indent}{key}: {value}\n"
    for i in range(start + 1, end):
        if re.match(rf"^\s*{re.escape(key)}\s*:", lines[i]):
            lines[i] = new_line
            return "".join(lines)
    after = next((i for i in range(start + 1, end) if re.match(r"^\s*email\s*:", lines[i])), start)
    if not lines[after].endswith("\n"):  # the item ends the file
        lines[after] += "\n"
    lines.insert(after + 1, new_line)
    return "".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
