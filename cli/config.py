"""`forslagskassa check-config FILE`: validate an org config before it is deployed."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import org_or_exit
from core.locale import money


def check_config(file: Path) -> None:
    """Validate an org config file; prints what it holds, or what is wrong and where."""
    org = org_or_exit(file)
    typer.echo(f"{file}: OK — {org.municipality}, {len(org.focus_areas)} focus areas, "
               f"{len(org.commissioners)} commissioners, {len(org.administrators)} administrators, "
               f"SLA {org.sla_days} days, target {money('en', org.savings_target_nok)}")
