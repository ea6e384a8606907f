"""`forslagskassa check-config FILE`: validate an org config before it is deployed."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import org_or_exit
from core.locale import money
from core.orgconfig import OrgConfig


def check_config(file: Path) -> None:
    """Validate an org config file; prints what it holds and how its areas map the shared service categories, or
    what is wrong and where."""
    org = org_or_exit(file)
    typer.echo(f"{file}: OK — {org.municipality}, {len(org.focus_areas)} focus areas, "
               f"{len(org.commissioners)} commissioners, {len(org.administrators)} administrators, "
               f"SLA {org.sla_days} days, target {money('en', org.savings_target_nok)}")
    typer.echo(service_mapping(org))


def service_mapping(org: OrgConfig) -> str:
    """The table of focus area -> service categories, or a line saying the org routes on its own examples only."""
    if org.vocabulary is None:
        return "Service categories: not mapped (the model learns from the org's own examples only)"
    rows = [(f"{area.name.nb} ({area.id})", area.services) for area in org.focus_areas]
    if org.classifier.to_triage:
        rows.append(("triage queue", org.classifier.to_triage))
    width = max(len(name) for name, _ in rows)
    lines = [f"Service categories (vocabulary {org.vocabulary.version}, {len(org.vocabulary.ids)} categories):"]
    for name, categories in rows:
        lines.append(f"  {name:<{width}}  {', '.join(categories) or '-'}")
    return "\n".join(lines)
